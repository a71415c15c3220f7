package io.community.creation.comment;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.Comment;
import io.community.creation.api.DelFlag;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where comments are kept. Finders and lists ignore deleted comments (del_flag ≠ 0) but know
 * nothing about posts: whether a comment's post is live is the service's question. Writes that
 * name a comment by id report whether a live one was there. Transactions are the caller's.
 *
 * <p>Lock order, kept by the service so that concurrent writes cannot deadlock: a top-level
 * comment's row before its replies' rows, and comment rows before the post's row.
 */
public interface CommentStore {

    /** Returns the new id; the score starts at the comment's recency part. */
    long insert(NewComment comment);

    Optional<Comment> findLive(long id);

    /** Live comments among {@code ids}, in no particular order. */
    List<Comment> findLive(Collection<Long> ids);

    /** Top-level comments of a post, newest first (created_at, then id, descending). */
    Page<Comment> latest(long postId, PageRequest page);

    /** Top-level comments of a post, by score, then id, descending. */
    Page<Comment> hot(long postId, PageRequest page);

    /** Replies to a comment, oldest first (created_at, then id, ascending). */
    Page<Comment> replies(long parentId, PageRequest page);

    /**
     * Counts one more reply on a live top-level comment and refreshes its score; false (nothing
     * changed) if the comment is absent, deleted or itself a reply. Locks the parent's row.
     */
    boolean addReplyToLiveTopLevel(long parentId);

    /** Adds {@code delta} to reply_count, never below 0, and refreshes the score. */
    boolean addReplies(long id, long delta);

    /** Adds {@code delta} to like_count, never below 0, and refreshes the score. */
    boolean addLikes(long id, long delta);

    boolean updateContent(long id, String content, Instant now);

    /** Flags a live comment deleted; false if it was absent or already deleted. */
    boolean softDelete(long id, DelFlag flag, Instant now);

    /** Flags the live replies of a comment deleted; returns how many. */
    int softDeleteReplies(long parentId, DelFlag flag, Instant now);

    /** @param parentId 0 for a top-level comment */
    record NewComment(
            long postId, long userId, long parentId, String content, String deviceType, String ip, Instant createdAt) {}
}
