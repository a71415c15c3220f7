package io.community.relation.api;

import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;

import java.util.List;
import java.util.Map;

/**
 * The relation context's port: who follows whom. Called by the HTTP adapter, by the feed's
 * composition code and, in the cluster, by the gRPC endpoint; implemented in-process by the
 * relation service and remotely by the gateway's gRPC client. Every failure is a
 * {@code DomainException}.
 *
 * <p>The caller is always the actor. (The HTTP requests' optional {@code userId} compatibility field
 * is checked against it by the HTTP adapter and never reaches the use cases.)
 */
public interface RelationUseCases {

    /** At most this many ids per {@link #check} call. */
    int MAX_CHECK_IDS = 100;

    /**
     * The actor follows {@code followedUid}. Idempotent, also under concurrency: following twice
     * leaves one follow and counts it once. 400 (20506) for oneself, 404 for an unknown or deleted user.
     */
    void follow(Actor actor, long followedUid);

    /**
     * The actor no longer follows {@code followedUid}. Idempotent; counters never go below 0.
     * Works for users deleted since (no 404), so a follow of a deleted account can be removed.
     * 400 (20506) for oneself.
     */
    void unfollow(Actor actor, long followedUid);

    /** Whom {@code userId} follows, newest follow first. 404 for an unknown or deleted user. */
    Page<Long> following(long userId, PageRequest page);

    /** Who follows {@code userId}, newest follow first. 404 for an unknown or deleted user. */
    Page<Long> followers(long userId, PageRequest page);

    /**
     * Whether the actor follows each of {@code uids} (1 to {@link #MAX_CHECK_IDS}, else 400), in
     * the order given; duplicates collapse into one entry, unknown ids are simply not followed.
     */
    Map<Long, Boolean> check(Actor actor, List<Long> uids);

    /** 404 for an unknown or deleted user. */
    RelationCount count(long userId);

    /**
     * Up to {@code max} ids {@code userId} follows, newest follow first, for composition (the
     * following feed). No existence check: the caller already knows the user. {@code max} 0 gives
     * an empty list; a negative one is a 400.
     */
    List<Long> followingIds(long userId, int max);
}
