package io.community.creation.collect;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.Collect;

import java.time.Instant;
import java.util.Optional;

/**
 * Where collects are kept: one row per (user, post) with a status, 1 collected and 0 removed.
 * Transactions are the caller's.
 */
public interface CollectStore {

    /**
     * Makes the user's collect of the post active. True only for the call that changed it (a new
     * row or a removed one brought back); of concurrent identical calls exactly one gets true.
     */
    boolean add(long userId, long postId, Instant now);

    /** The collect, active or removed. */
    Optional<CollectRow> find(long id);

    /** Marks an active collect removed; true only for the call that changed it. */
    boolean remove(long id, Instant now);

    /** The user's active collects of live posts, newest first; the total counts the same. */
    Page<Collect> listActive(long userId, PageRequest page);

    record CollectRow(long id, long userId, long postId, boolean active) {}
}
