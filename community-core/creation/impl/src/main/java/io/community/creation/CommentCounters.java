package io.community.creation;

import java.util.Optional;

/**
 * What likes need from comments: liveness (the comment and its post not deleted) and an
 * atomic like counter. Implemented by the comment package.
 */
public interface CommentCounters {

    /** The comment if it, its parent and its post are live. */
    Optional<CommentRef> findLive(long commentId);

    /** Adds {@code delta} atomically, never below 0, and refreshes the comment's score. */
    void addLikes(long commentId, long delta);

    /** @param parentId 0 for a top-level comment */
    record CommentRef(long id, long postId, long userId, long parentId) {}
}
