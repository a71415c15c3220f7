package io.community.creation.post.persistence;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.common.persistence.JdbcStatements;
import io.community.common.persistence.PagedQuery;
import io.community.common.persistence.UtcMicros;
import io.community.creation.PostCounters.Counter;
import io.community.creation.api.DelFlag;
import io.community.creation.api.Post;
import io.community.creation.api.PostType;
import io.community.creation.post.HotScore;
import io.community.creation.post.PostStore;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.jdbc.runtime.PreparedStatementCallback;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code post} table (sql/creation/V1__post.sql) in plain SQL that MariaDB and H2 in MySQL
 * mode both run. Statements use the transaction-bound connection when there is one.
 */
@Singleton
public class JdbcPostStore implements PostStore {
    private static final String COLUMNS = "id, post_type, user_id, title, content, view_count, like_count,"
            + " comment_count, collect_count, share_count, del_flag, visible, longitude, latitude, position, "
            + UtcMicros.read("created_at") + " AS created_us, " + UtcMicros.read("updated_at") + " AS updated_us";
    private static final String LATEST_ORDER = " ORDER BY created_at DESC, id DESC";

    private final JdbcOperations jdbc;

    public JdbcPostStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long insert(NewPost post) {
        PostContent c = post.content();
        long created = UtcMicros.of(post.createdAt());
        double hotTime = HotScore.time(post.createdAt());
        return jdbc.execute(connection -> {
            try (PreparedStatement s = connection.prepareStatement(
                    "INSERT INTO post (post_type, user_id, title,"
                            + " content, hot_time, hot_score, longitude, latitude, position, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, " + UtcMicros.WRITE + ", " + UtcMicros.WRITE + ")",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setInt(1, c.type().code());
                s.setLong(2, post.userId());
                s.setString(3, c.title());
                s.setString(4, c.content());
                s.setDouble(5, hotTime);
                // log10(engagement 1) = 0: a new post's score is its recency part
                s.setDouble(6, hotTime);
                s.setDouble(7, c.longitude());
                s.setDouble(8, c.latitude());
                s.setString(9, c.position());
                s.setLong(10, created);
                s.setLong(11, created);
                return JdbcStatements.insertReturningId(s, "post");
            }
        });
    }

    @Override
    public Optional<Post> findLive(long id) {
        List<Post> posts = query("SELECT " + COLUMNS + " FROM post WHERE id = ? AND del_flag = 0", List.of(id));
        return posts.stream().findFirst();
    }

    @Override
    public List<Post> findLive(Collection<Long> ids) {
        List<Long> distinct = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (distinct.isEmpty()) {
            return List.of();
        }
        return query(
                "SELECT " + COLUMNS + " FROM post WHERE id IN (" + placeholders(distinct.size()) + ") AND del_flag = 0",
                distinct);
    }

    @Override
    public boolean update(long id, PostContent c, Instant now) {
        return statement(
                "UPDATE post SET post_type = ?, title = ?, content = ?, longitude = ?,"
                        + " latitude = ?, position = ?, updated_at = " + UtcMicros.WRITE
                        + " WHERE id = ? AND del_flag = 0",
                s -> {
                    s.setInt(1, c.type().code());
                    s.setString(2, c.title());
                    s.setString(3, c.content());
                    s.setDouble(4, c.longitude());
                    s.setDouble(5, c.latitude());
                    s.setString(6, c.position());
                    s.setLong(7, UtcMicros.of(now));
                    s.setLong(8, id);
                    return s.executeUpdate() > 0;
                });
    }

    @Override
    public boolean softDelete(long id, DelFlag flag, Instant now) {
        if (flag == DelFlag.NONE) {
            throw new IllegalArgumentException("a delete needs a flag other than NONE");
        }
        return statement(
                "UPDATE post SET del_flag = ?, deleted_at = " + UtcMicros.WRITE + ", updated_at = " + UtcMicros.WRITE
                        + " WHERE id = ? AND del_flag = 0",
                s -> {
                    s.setInt(1, flag.code());
                    s.setLong(2, UtcMicros.of(now));
                    s.setLong(3, UtcMicros.of(now));
                    s.setLong(4, id);
                    return s.executeUpdate() > 0;
                });
    }

    @Override
    @ReadOnly
    public Page<Post> latest(PageRequest page) {
        return page("FROM post WHERE del_flag = 0", List.of(), LATEST_ORDER, page);
    }

    @Override
    @ReadOnly
    public Page<Post> hot(PageRequest page) {
        return page("FROM post WHERE del_flag = 0", List.of(), " ORDER BY hot_score DESC, id DESC", page);
    }

    @Override
    @ReadOnly
    public Page<Post> byUsers(Collection<Long> userIds, PageRequest page) {
        List<Long> ids = userIds.stream().filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return new Page<>(List.of(), 0);
        }
        String where = ids.size() == 1 ? "user_id = ?" : "user_id IN (" + placeholders(ids.size()) + ")";
        return page("FROM post WHERE " + where + " AND del_flag = 0", ids, LATEST_ORDER, page);
    }

    @Override
    public boolean addCounter(long id, Counter counter, long delta, boolean liveOnly) {
        String column = column(counter);
        // one atomic statement: concurrent changes add up, and GREATEST keeps the count from going below 0
        String update = "UPDATE post SET " + column + " = GREATEST(" + column + " + ?, 0) WHERE id = ?"
                + (liveOnly ? " AND del_flag = 0" : "");
        return jdbc.execute(connection -> {
            int changed;
            try (PreparedStatement s = connection.prepareStatement(update)) {
                s.setLong(1, delta);
                s.setLong(2, id);
                changed = s.executeUpdate();
            }
            if (changed == 0) {
                return false;
            }
            // separate statement, so both databases compute it from the already updated counters
            try (PreparedStatement s = connection.prepareStatement(HotScore.REFRESH_SQL)) {
                s.setLong(1, id);
                s.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public Optional<Long> liveOwner(long id) {
        return statement("SELECT user_id FROM post WHERE id = ? AND del_flag = 0", s -> {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
            }
        });
    }

    /** {@link JdbcOperations#prepareStatement} needs an open connection; this opens one when there is none. */
    private <R> R statement(String sql, PreparedStatementCallback<R> callback) {
        return JdbcStatements.prepared(jdbc, sql, callback);
    }

    private static String column(Counter counter) {
        return switch (counter) {
            case VIEW -> "view_count";
            case SHARE -> "share_count";
            case LIKE -> "like_count";
            case COMMENT -> "comment_count";
            case COLLECT -> "collect_count";
        };
    }

    private Page<Post> page(String from, List<Long> params, String orderBy, PageRequest page) {
        return jdbc.execute(connection -> PagedQuery.page(
                connection,
                "SELECT COUNT(*) " + from,
                "SELECT " + COLUMNS + " " + from + orderBy,
                page,
                s -> bind(s, params),
                JdbcPostStore::post));
    }

    private List<Post> query(String sql, List<Long> params) {
        return statement(sql, s -> {
            bind(s, params);
            return read(s);
        });
    }

    private static int bind(PreparedStatement s, List<Long> params) throws SQLException {
        return JdbcStatements.bindLongs(s, 1, params);
    }

    private static List<Post> read(PreparedStatement s) throws SQLException {
        List<Post> posts = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                posts.add(post(rs));
            }
        }
        return posts;
    }

    private static Post post(ResultSet rs) throws SQLException {
        return new Post(
                rs.getLong("id"),
                PostType.fromCode(rs.getInt("post_type")),
                rs.getLong("user_id"),
                rs.getString("title"),
                rs.getString("content"),
                rs.getLong("view_count"),
                rs.getLong("like_count"),
                rs.getLong("comment_count"),
                rs.getLong("collect_count"),
                rs.getLong("share_count"),
                DelFlag.fromCode(rs.getInt("del_flag")).orElseThrow(),
                rs.getInt("visible"),
                rs.getDouble("longitude"),
                rs.getDouble("latitude"),
                rs.getString("position"),
                UtcMicros.toInstant(rs.getLong("created_us")),
                UtcMicros.toInstant(rs.getLong("updated_us")));
    }

    private static String placeholders(int n) {
        return JdbcStatements.placeholders(n);
    }
}
