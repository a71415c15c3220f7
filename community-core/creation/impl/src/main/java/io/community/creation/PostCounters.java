package io.community.creation;

import java.util.Optional;

/**
 * What the rest of the creation context needs from posts: whether a post is live, who owns it,
 * and atomic counter changes. Implemented by the post package; comments, likes and collects
 * use it inside their own transactions, so a counter moves with the row it counts.
 */
public interface PostCounters {

    /** The post if it exists and is not deleted. */
    Optional<PostRef> findLive(long postId);

    /**
     * Adds {@code delta} (may be negative) with one atomic UPDATE that never goes below 0,
     * and refreshes the post's hot score in the same transaction.
     */
    void add(long postId, Counter counter, long delta);

    record PostRef(long id, long userId) {}

    enum Counter {
        VIEW,
        SHARE,
        LIKE,
        COMMENT,
        COLLECT
    }
}
