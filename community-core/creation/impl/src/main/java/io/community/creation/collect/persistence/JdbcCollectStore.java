package io.community.creation.collect.persistence;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.common.persistence.PagedQuery;
import io.community.common.persistence.UtcMicros;
import io.community.creation.api.Collect;
import io.community.creation.collect.CollectStore;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code user_collect} table (sql/creation/V3__collect.sql) in SQL that MariaDB and H2 in
 * MySQL mode both run.
 *
 * <p>Insert-if-absent is {@code INSERT IGNORE}: both databases accept it and report 0 rows for a
 * duplicate, and the unique key (user_id, post_id) picks one winner among concurrent requests.
 * A duplicate-key error is treated the same way, for a database that reports the race instead
 * of ignoring it. Nothing here takes a shared lock and then asks for an exclusive one on the same
 * row, which is what makes concurrent "insert, else update" deadlock on InnoDB.
 */
@Singleton
public class JdbcCollectStore implements CollectStore {
    private static final String LIVE_COLLECTS = " FROM user_collect c JOIN post p ON p.id = c.post_id"
            + " WHERE c.user_id = ? AND c.status = 1 AND p.del_flag = 0";

    private final JdbcOperations jdbc;

    public JdbcCollectStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean add(long userId, long postId, Instant now) {
        long micros = UtcMicros.of(now);
        return jdbc.execute(connection -> {
            // Make sure the row exists (inactive) and hold its exclusive lock at once: deciding from a plain
            // read would use MariaDB's transaction snapshot, which concurrent requests may have outdated, and
            // INSERT IGNORE followed by an UPDATE deadlocks (shared lock, then exclusive).
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO user_collect"
                    + " (user_id, post_id, status, created_at, updated_at) VALUES (?, ?, 0, " + UtcMicros.WRITE + ", "
                    + UtcMicros.WRITE + ") ON DUPLICATE KEY UPDATE id = id")) {
                s.setLong(1, userId);
                s.setLong(2, postId);
                s.setLong(3, micros);
                s.setLong(4, micros);
                s.executeUpdate();
            }
            // The status condition picks the one request that really collects; created_at moves because
            // the list is "newest collect first" and this collect is new.
            try (PreparedStatement s = connection.prepareStatement("UPDATE user_collect SET status = 1,"
                    + " created_at = " + UtcMicros.WRITE + ", updated_at = " + UtcMicros.WRITE
                    + " WHERE user_id = ? AND post_id = ? AND status = 0")) {
                s.setLong(1, micros);
                s.setLong(2, micros);
                s.setLong(3, userId);
                s.setLong(4, postId);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<CollectRow> find(long id) {
        return jdbc.execute(connection -> {
            try (PreparedStatement s =
                    connection.prepareStatement("SELECT id, user_id, post_id, status FROM user_collect WHERE id = ?")) {
                s.setLong(1, id);
                return readRow(s);
            }
        });
    }

    @Override
    public boolean remove(long id, Instant now) {
        return jdbc.execute(connection -> {
            try (PreparedStatement s = connection.prepareStatement("UPDATE user_collect SET status = 0, updated_at = "
                    + UtcMicros.WRITE + " WHERE id = ? AND status = 1")) {
                s.setLong(1, UtcMicros.of(now));
                s.setLong(2, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    @ReadOnly
    public Page<Collect> listActive(long userId, PageRequest page) {
        return jdbc.execute(connection -> PagedQuery.page(
                connection,
                "SELECT COUNT(*)" + LIVE_COLLECTS,
                "SELECT c.id, c.user_id, c.post_id, " + UtcMicros.read("c.created_at") + " AS created_us, "
                        + UtcMicros.read("c.updated_at") + " AS updated_us" + LIVE_COLLECTS
                        + " ORDER BY c.created_at DESC, c.id DESC",
                page,
                s -> {
                    s.setLong(1, userId);
                    return 2;
                },
                rs -> new Collect(
                        rs.getLong("id"),
                        rs.getLong("user_id"),
                        rs.getLong("post_id"),
                        UtcMicros.toInstant(rs.getLong("created_us")),
                        UtcMicros.toInstant(rs.getLong("updated_us")))));
    }

    private static Optional<CollectRow> readRow(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new CollectRow(
                    rs.getLong("id"), rs.getLong("user_id"), rs.getLong("post_id"), rs.getInt("status") == 1));
        }
    }
}
