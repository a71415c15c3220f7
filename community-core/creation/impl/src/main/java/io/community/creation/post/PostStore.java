package io.community.creation.post;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.PostCounters.Counter;
import io.community.creation.api.DelFlag;
import io.community.creation.api.Post;
import io.community.creation.api.PostType;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where posts are kept. Every finder and list ignores deleted posts (del_flag ≠ 0); writes that
 * name a post by id report whether a live one was there. Transactions are the caller's.
 */
public interface PostStore {

    /** Returns the new id; the hot score starts at the post's recency part. */
    long insert(NewPost post);

    Optional<Post> findLive(long id);

    /** Live posts among {@code ids}, in no particular order. */
    List<Post> findLive(Collection<Long> ids);

    /** Replaces type, title, content and place of a live post. */
    boolean update(long id, PostContent content, Instant now);

    /** Flags a live post deleted; false if it was absent or already deleted. */
    boolean softDelete(long id, DelFlag flag, Instant now);

    /** Newest first (created_at, then id, descending). */
    Page<Post> latest(PageRequest page);

    /** By hot score, then id, descending. */
    Page<Post> hot(PageRequest page);

    /** Posts of these authors, newest first; {@code userIds} is not empty. */
    Page<Post> byUsers(Collection<Long> userIds, PageRequest page);

    /**
     * Adds {@code delta} to one counter, never below 0, and refreshes the hot score from the new
     * counters. With {@code liveOnly}, a deleted post is left alone and reported as absent.
     */
    boolean addCounter(long id, Counter counter, long delta, boolean liveOnly);

    /** Who owns a post, if it is live; a cheap read for the other creation packages. */
    Optional<Long> liveOwner(long id);

    /** The validated, author-supplied part of a post as stored. */
    record PostContent(
            PostType type, String title, String content, double longitude, double latitude, String position) {}

    record NewPost(long userId, PostContent content, Instant createdAt) {}
}
