package io.community.creation.comment.persistence;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.common.persistence.JdbcStatements;
import io.community.common.persistence.PagedQuery;
import io.community.common.persistence.UtcMicros;
import io.community.creation.api.Comment;
import io.community.creation.api.DelFlag;
import io.community.creation.comment.CommentScore;
import io.community.creation.comment.CommentStore;
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
 * The {@code comment} table (sql/creation/V2__comment.sql) in plain SQL that MariaDB and H2 in
 * MySQL mode both run. Statements use the transaction-bound connection when there is one.
 */
@Singleton
public class JdbcCommentStore implements CommentStore {
    private static final String COLUMNS = "id, post_id, user_id, content, parent_id, reply_count, like_count, score,"
            + " del_flag, device_type, ip, " + UtcMicros.read("created_at") + " AS created_us, "
            + UtcMicros.read("updated_at") + " AS updated_us";
    private static final String TOP_LEVEL = "FROM `comment` WHERE post_id = ? AND parent_id = 0 AND del_flag = 0";

    private final JdbcOperations jdbc;

    public JdbcCommentStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long insert(NewComment c) {
        long created = UtcMicros.of(c.createdAt());
        double hotTime = CommentScore.time(c.createdAt());
        return statement(
                "INSERT INTO `comment` (post_id, user_id, parent_id, content, hot_time, score, device_type,"
                        + " ip, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, " + UtcMicros.WRITE + ", "
                        + UtcMicros.WRITE
                        + ")",
                Statement.RETURN_GENERATED_KEYS,
                s -> {
                    s.setLong(1, c.postId());
                    s.setLong(2, c.userId());
                    s.setLong(3, c.parentId());
                    s.setString(4, c.content());
                    s.setDouble(5, hotTime);
                    // log10(1 + 0 likes + 0 replies) = 0: a new comment's score is its recency part
                    s.setDouble(6, hotTime);
                    s.setString(7, c.deviceType());
                    s.setString(8, c.ip());
                    s.setLong(9, created);
                    s.setLong(10, created);
                    return JdbcStatements.insertReturningId(s, "comment");
                });
    }

    @Override
    public Optional<Comment> findLive(long id) {
        return query("SELECT " + COLUMNS + " FROM `comment` WHERE id = ? AND del_flag = 0", List.of(id)).stream()
                .findFirst();
    }

    @Override
    public List<Comment> findLive(Collection<Long> ids) {
        List<Long> distinct = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (distinct.isEmpty()) {
            return List.of();
        }
        return query(
                "SELECT " + COLUMNS + " FROM `comment` WHERE id IN (" + placeholders(distinct.size())
                        + ") AND del_flag = 0",
                distinct);
    }

    @Override
    @ReadOnly
    public Page<Comment> latest(long postId, PageRequest page) {
        return page(TOP_LEVEL, postId, " ORDER BY created_at DESC, id DESC", page);
    }

    @Override
    @ReadOnly
    public Page<Comment> hot(long postId, PageRequest page) {
        return page(TOP_LEVEL, postId, " ORDER BY score DESC, id DESC", page);
    }

    @Override
    @ReadOnly
    public Page<Comment> replies(long parentId, PageRequest page) {
        return page("FROM `comment` WHERE parent_id = ? AND del_flag = 0", parentId, " ORDER BY created_at, id", page);
    }

    @Override
    public boolean addReplyToLiveTopLevel(long parentId) {
        return addCounter("reply_count", parentId, 1, " AND parent_id = 0 AND del_flag = 0");
    }

    @Override
    public boolean addReplies(long id, long delta) {
        return addCounter("reply_count", id, delta, "");
    }

    @Override
    public boolean addLikes(long id, long delta) {
        return addCounter("like_count", id, delta, "");
    }

    @Override
    public boolean updateContent(long id, String content, Instant now) {
        return statement(
                "UPDATE `comment` SET content = ?, updated_at = " + UtcMicros.WRITE + " WHERE id = ? AND del_flag = 0",
                s -> {
                    s.setString(1, content);
                    s.setLong(2, UtcMicros.of(now));
                    s.setLong(3, id);
                    return s.executeUpdate() > 0;
                });
    }

    @Override
    public boolean softDelete(long id, DelFlag flag, Instant now) {
        return delete("id = ?", id, flag, now) > 0;
    }

    @Override
    public int softDeleteReplies(long parentId, DelFlag flag, Instant now) {
        return delete("parent_id = ?", parentId, flag, now);
    }

    private int delete(String where, long id, DelFlag flag, Instant now) {
        if (flag == DelFlag.NONE) {
            throw new IllegalArgumentException("a delete needs a flag other than NONE");
        }
        return statement(
                "UPDATE `comment` SET del_flag = ?, deleted_at = " + UtcMicros.WRITE + ", updated_at = "
                        + UtcMicros.WRITE + " WHERE " + where + " AND del_flag = 0",
                s -> {
                    s.setInt(1, flag.code());
                    s.setLong(2, UtcMicros.of(now));
                    s.setLong(3, UtcMicros.of(now));
                    s.setLong(4, id);
                    return s.executeUpdate();
                });
    }

    private boolean addCounter(String column, long id, long delta, String condition) {
        // one atomic statement: concurrent changes add up, and GREATEST keeps the count from going below 0
        String update =
                "UPDATE `comment` SET " + column + " = GREATEST(" + column + " + ?, 0) WHERE id = ?" + condition;
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
            try (PreparedStatement s = connection.prepareStatement(CommentScore.REFRESH_SQL)) {
                s.setLong(1, id);
                s.executeUpdate();
            }
            return true;
        });
    }

    private Page<Comment> page(String from, long key, String orderBy, PageRequest page) {
        return jdbc.execute(connection -> PagedQuery.page(
                connection,
                "SELECT COUNT(*) " + from,
                "SELECT " + COLUMNS + " " + from + orderBy,
                page,
                s -> {
                    s.setLong(1, key);
                    return 2;
                },
                JdbcCommentStore::comment));
    }

    private List<Comment> query(String sql, List<Long> params) {
        return statement(sql, s -> {
            JdbcStatements.bindLongs(s, 1, params);
            return read(s);
        });
    }

    private <R> R statement(String sql, PreparedStatementCallback<R> callback) {
        return statement(sql, Statement.NO_GENERATED_KEYS, callback);
    }

    private <R> R statement(String sql, int generatedKeys, PreparedStatementCallback<R> callback) {
        return JdbcStatements.prepared(jdbc, sql, generatedKeys, callback);
    }

    private static List<Comment> read(PreparedStatement s) throws SQLException {
        List<Comment> comments = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                comments.add(comment(rs));
            }
        }
        return comments;
    }

    private static Comment comment(ResultSet rs) throws SQLException {
        return new Comment(
                rs.getLong("id"),
                rs.getLong("post_id"),
                rs.getLong("user_id"),
                rs.getString("content"),
                rs.getLong("parent_id"),
                rs.getLong("reply_count"),
                rs.getLong("like_count"),
                rs.getDouble("score"),
                DelFlag.fromCode(rs.getInt("del_flag")).orElseThrow(),
                UtcMicros.toInstant(rs.getLong("created_us")),
                UtcMicros.toInstant(rs.getLong("updated_us")),
                rs.getString("device_type"),
                rs.getString("ip"));
    }

    private static String placeholders(int n) {
        return JdbcStatements.placeholders(n);
    }
}
