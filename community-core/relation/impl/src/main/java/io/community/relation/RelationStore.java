package io.community.relation;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.relation.api.RelationCount;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Where follows and their counters are kept. The JDBC adapter stores; a caching decorator wraps
 * it. A follow is two rows (one per direction) plus two counters, changed together in one
 * transaction: the caller's, or one of its own when there is none.
 */
public interface RelationStore {

    /**
     * Inserts the follow if absent and then, only then, counts it.
     *
     * @return false if it existed already (nothing changed)
     */
    boolean follow(long userId, long followedUid, Instant at);

    /**
     * Deletes the follow if present and then, only then, uncounts it (never below 0).
     *
     * @return false if there was none (nothing changed)
     */
    boolean unfollow(long userId, long followedUid, Instant at);

    /** Whom {@code userId} follows, newest first; ties in time by insertion order, newest first. */
    Page<Long> following(long userId, PageRequest page);

    /** Who follows {@code userId}, newest first, as {@link #following}. */
    Page<Long> followers(long userId, PageRequest page);

    /** The subset of {@code candidates} that {@code userId} follows. */
    Set<Long> followedAmong(long userId, Collection<Long> candidates);

    /** Zeros for a user without any follow yet. */
    RelationCount count(long userId);

    /** The first {@code max} of {@link #following}'s order; {@code max} ≥ 0. */
    List<Long> followingIds(long userId, int max);
}
