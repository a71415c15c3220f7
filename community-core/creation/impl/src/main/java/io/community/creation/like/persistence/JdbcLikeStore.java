package io.community.creation.like.persistence;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.common.persistence.PagedQuery;
import io.community.common.persistence.UtcMicros;
import io.community.creation.api.Like;
import io.community.creation.api.LikeTarget;
import io.community.creation.like.LikeStore;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.time.Instant;

/**
 * The {@code user_like} table (sql/creation/V4__like.sql) in plain SQL that MariaDB and H2 in
 * MySQL mode both run. Statements use the transaction-bound connection when there is one.
 *
 * <p>A like is two statements: make sure the row exists (status 0 when new), then flip the status
 * with {@code UPDATE ... WHERE status = 0}, whose row count says whether this call changed it.
 * The first statement is {@code INSERT ... ON DUPLICATE KEY UPDATE}, because on a duplicate it
 * takes an exclusive lock right away: identical concurrent likes wait for each other and the
 * flip finds the status already 1. {@code INSERT IGNORE} would take a shared lock there, and two
 * such transactions upgrading to the flip's exclusive lock deadlock on MariaDB.
 */
@Singleton
public class JdbcLikeStore implements LikeStore {
    private static final String KEY = " WHERE user_id = ? AND obj_type = ? AND obj_id = ?";
    private static final String COLUMNS = "id, user_id, obj_type, obj_id, status, " + UtcMicros.read("created_at")
            + " AS created_us, " + UtcMicros.read("updated_at") + " AS updated_us";
    private static final String TARGET = " FROM user_like WHERE obj_type = ? AND obj_id = ? AND status = 1";

    private final JdbcOperations jdbc;

    public JdbcLikeStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean like(long userId, LikeTarget target, long objId, Instant now) {
        long micros = UtcMicros.of(now);
        return jdbc.execute(connection -> {
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO user_like (user_id, obj_type, obj_id,"
                    + " status, created_at, updated_at) VALUES (?, ?, ?, 0, " + UtcMicros.WRITE + ", " + UtcMicros.WRITE
                    + ") ON DUPLICATE KEY UPDATE id = id")) {
                s.setLong(1, userId);
                s.setInt(2, target.code());
                s.setLong(3, objId);
                s.setLong(4, micros);
                s.setLong(5, micros);
                s.executeUpdate();
            }
            // created_at moves too: the list is "newest like first", and this like is new
            try (PreparedStatement s = connection.prepareStatement("UPDATE user_like SET status = 1, created_at = "
                    + UtcMicros.WRITE + ", updated_at = " + UtcMicros.WRITE + KEY + " AND status = 0")) {
                s.setLong(1, micros);
                s.setLong(2, micros);
                s.setLong(3, userId);
                s.setInt(4, target.code());
                s.setLong(5, objId);
                return s.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean unlike(long userId, LikeTarget target, long objId, Instant now) {
        return jdbc.execute(connection -> {
            try (PreparedStatement s = connection.prepareStatement(
                    "UPDATE user_like SET status = 0, updated_at = " + UtcMicros.WRITE + KEY + " AND status = 1")) {
                s.setLong(1, UtcMicros.of(now));
                s.setLong(2, userId);
                s.setInt(3, target.code());
                s.setLong(4, objId);
                return s.executeUpdate() > 0;
            }
        });
    }

    @Override
    @ReadOnly
    public Page<Like> list(LikeTarget target, long objId, PageRequest page) {
        return jdbc.execute(connection -> PagedQuery.page(
                connection,
                "SELECT COUNT(*)" + TARGET,
                "SELECT " + COLUMNS + TARGET + " ORDER BY created_at DESC, id DESC",
                page,
                s -> {
                    s.setInt(1, target.code());
                    s.setLong(2, objId);
                    return 3;
                },
                rs -> new Like(
                        rs.getLong("id"),
                        rs.getLong("user_id"),
                        LikeTarget.fromCode(rs.getInt("obj_type")).orElseThrow(),
                        rs.getLong("obj_id"),
                        rs.getInt("status"),
                        UtcMicros.toInstant(rs.getLong("created_us")),
                        UtcMicros.toInstant(rs.getLong("updated_us")))));
    }
}
