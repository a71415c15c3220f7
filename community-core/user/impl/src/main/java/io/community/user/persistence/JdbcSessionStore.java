package io.community.user.persistence;

import io.community.common.persistence.JdbcStatements;
import io.community.common.persistence.UtcMicros;
import io.community.user.Session;
import io.community.user.SessionStore;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code user_session} table behind {@link SessionStore}. Named so that the caching decorator
 * can ask for exactly this one. Times are bound as epoch microseconds and converted in SQL
 * ({@link UtcMicros}), so no time zone shifts them. Runs in the caller's transaction, else each
 * statement commits on its own.
 */
@Singleton
@Named("jdbc")
public class JdbcSessionStore implements SessionStore {
    private static final String COLUMNS = "id, user_id, " + UtcMicros.read("created_at") + ", "
            + UtcMicros.read("expires_at") + ", " + UtcMicros.read("revoked_at");

    private final JdbcOperations jdbc;

    public JdbcSessionStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void open(Session session) {
        JdbcStatements.prepared(
                jdbc,
                "INSERT INTO user_session (id, user_id, created_at, expires_at, revoked_at)" + " VALUES (?, ?, "
                        + UtcMicros.WRITE + ", " + UtcMicros.WRITE + ", NULL)",
                s -> {
                    s.setString(1, session.id());
                    s.setLong(2, session.userId());
                    s.setLong(3, UtcMicros.of(session.createdAt()));
                    s.setLong(4, UtcMicros.of(session.expiresAt()));
                    return s.executeUpdate();
                });
    }

    @Override
    public Optional<Session> find(String id) {
        return JdbcStatements.prepared(jdbc, "SELECT " + COLUMNS + " FROM user_session WHERE id = ?", s -> {
            s.setString(1, id);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(session(rows)) : Optional.empty();
            }
        });
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return JdbcStatements.prepared(
                jdbc,
                "UPDATE user_session SET revoked_at = " + UtcMicros.WRITE + " WHERE id = ? AND revoked_at IS NULL",
                s -> {
                    s.setLong(1, UtcMicros.of(at));
                    s.setString(2, id);
                    return s.executeUpdate() > 0;
                });
    }

    @Override
    public List<String> revokeAll(long userId, Instant at) {
        long micros = UtcMicros.of(at);
        JdbcStatements.prepared(
                jdbc,
                "UPDATE user_session SET revoked_at = " + UtcMicros.WRITE + " WHERE user_id = ? AND revoked_at IS NULL",
                s -> {
                    s.setLong(1, micros);
                    s.setLong(2, userId);
                    return s.executeUpdate();
                });
        // After the update, in the same transaction: exactly the rows it marked (and any other
        // revocation at the same microsecond, which does no harm: the ids only leave the cache).
        return JdbcStatements.prepared(
                jdbc, "SELECT id FROM user_session WHERE user_id = ? AND revoked_at = " + UtcMicros.WRITE, s -> {
                    s.setLong(1, userId);
                    s.setLong(2, micros);
                    List<String> ids = new ArrayList<>();
                    try (ResultSet rows = s.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getString(1));
                        }
                    }
                    return ids;
                });
    }

    @Override
    public int deleteExpired(Instant before, int limit) {
        // DELETE ... LIMIT: MariaDB/MySQL and H2 both accept it; a bounded batch keeps locks short
        return JdbcStatements.prepared(
                jdbc,
                "DELETE FROM user_session WHERE expires_at < " + UtcMicros.WRITE + " LIMIT " + Math.max(1, limit),
                s -> {
                    s.setLong(1, UtcMicros.of(before));
                    return s.executeUpdate();
                });
    }

    private static Session session(ResultSet row) throws SQLException {
        long revoked = row.getLong(5);
        Instant revokedAt = row.wasNull() ? null : UtcMicros.toInstant(revoked);
        return new Session(
                row.getString(1),
                row.getLong(2),
                UtcMicros.toInstant(row.getLong(3)),
                UtcMicros.toInstant(row.getLong(4)),
                revokedAt);
    }
}
