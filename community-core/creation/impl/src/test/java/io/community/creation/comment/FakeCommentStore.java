package io.community.creation.comment;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.Comment;
import io.community.creation.api.DelFlag;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The comment store's contract in memory: live-only reads, clamped counters, score as documented. */
public class FakeCommentStore implements CommentStore {
    private final Map<Long, Comment> rows = new LinkedHashMap<>();
    private long nextId = 1;

    @Override
    public long insert(NewComment c) {
        long id = nextId++;
        rows.put(
                id,
                new Comment(
                        id,
                        c.postId(),
                        c.userId(),
                        c.content(),
                        c.parentId(),
                        0,
                        0,
                        CommentScore.time(c.createdAt()),
                        DelFlag.NONE,
                        c.createdAt(),
                        c.createdAt(),
                        c.deviceType(),
                        c.ip()));
        return id;
    }

    /** The row as stored, deleted or not. */
    public Comment row(long id) {
        return rows.get(id);
    }

    @Override
    public Optional<Comment> findLive(long id) {
        return Optional.ofNullable(rows.get(id)).filter(FakeCommentStore::live);
    }

    @Override
    public List<Comment> findLive(Collection<Long> ids) {
        return ids.stream()
                .distinct()
                .map(rows::get)
                .filter(c -> c != null && live(c))
                .toList();
    }

    @Override
    public Page<Comment> latest(long postId, PageRequest page) {
        return page(
                c -> c.postId() == postId && c.parentId() == 0,
                Comparator.comparing(Comment::createdAt)
                        .thenComparing(Comment::id)
                        .reversed(),
                page);
    }

    @Override
    public Page<Comment> hot(long postId, PageRequest page) {
        return page(
                c -> c.postId() == postId && c.parentId() == 0,
                Comparator.comparingDouble(Comment::score)
                        .thenComparing(Comment::id)
                        .reversed(),
                page);
    }

    @Override
    public Page<Comment> replies(long parentId, PageRequest page) {
        return page(
                c -> c.parentId() == parentId,
                Comparator.comparing(Comment::createdAt).thenComparing(Comment::id),
                page);
    }

    @Override
    public boolean addReplyToLiveTopLevel(long parentId) {
        Comment c = rows.get(parentId);
        return c != null && live(c) && c.parentId() == 0 && addReplies(parentId, 1);
    }

    @Override
    public boolean addReplies(long id, long delta) {
        Comment c = rows.get(id);
        if (c == null) {
            return false;
        }
        put(c, Math.max(c.replyCount() + delta, 0), c.likeCount());
        return true;
    }

    @Override
    public boolean addLikes(long id, long delta) {
        Comment c = rows.get(id);
        if (c == null) {
            return false;
        }
        put(c, c.replyCount(), Math.max(c.likeCount() + delta, 0));
        return true;
    }

    @Override
    public boolean updateContent(long id, String content, Instant now) {
        Comment c = rows.get(id);
        if (c == null || !live(c)) {
            return false;
        }
        rows.put(
                id,
                new Comment(
                        c.id(),
                        c.postId(),
                        c.userId(),
                        content,
                        c.parentId(),
                        c.replyCount(),
                        c.likeCount(),
                        c.score(),
                        c.delFlag(),
                        c.createdAt(),
                        now,
                        c.deviceType(),
                        c.ip()));
        return true;
    }

    @Override
    public boolean softDelete(long id, DelFlag flag, Instant now) {
        Comment c = rows.get(id);
        if (c == null || !live(c)) {
            return false;
        }
        flag(c, flag, now);
        return true;
    }

    @Override
    public int softDeleteReplies(long parentId, DelFlag flag, Instant now) {
        List<Comment> replies = rows.values().stream()
                .filter(c -> c.parentId() == parentId && live(c))
                .toList();
        replies.forEach(c -> flag(c, flag, now));
        return replies.size();
    }

    private void flag(Comment c, DelFlag flag, Instant now) {
        rows.put(
                c.id(),
                new Comment(
                        c.id(),
                        c.postId(),
                        c.userId(),
                        c.content(),
                        c.parentId(),
                        c.replyCount(),
                        c.likeCount(),
                        c.score(),
                        flag,
                        c.createdAt(),
                        now,
                        c.deviceType(),
                        c.ip()));
    }

    private void put(Comment c, long replies, long likes) {
        rows.put(
                c.id(),
                new Comment(
                        c.id(),
                        c.postId(),
                        c.userId(),
                        c.content(),
                        c.parentId(),
                        replies,
                        likes,
                        CommentScore.score(c.createdAt(), likes, replies),
                        c.delFlag(),
                        c.createdAt(),
                        c.updatedAt(),
                        c.deviceType(),
                        c.ip()));
    }

    private Page<Comment> page(Predicate<Comment> filter, Comparator<Comment> order, PageRequest page) {
        List<Comment> all = rows.values().stream()
                .filter(FakeCommentStore::live)
                .filter(filter)
                .sorted(order)
                .toList();
        return new Page<>(all.stream().skip(page.offset()).limit(page.limit()).toList(), all.size());
    }

    private static boolean live(Comment c) {
        return c.delFlag() == DelFlag.NONE;
    }
}
