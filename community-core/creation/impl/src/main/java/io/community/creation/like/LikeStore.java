package io.community.creation.like;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.Like;
import io.community.creation.api.LikeTarget;

import java.time.Instant;

/**
 * Where likes are kept: one row per user and target, status 1 while the like stands, 0 after an
 * unlike. Both writes report whether they really changed the status, so that the caller moves
 * the target's counter exactly once however often and however concurrently they are repeated.
 * Transactions are the caller's.
 */
public interface LikeStore {

    /** Makes the like stand; true if it did not stand before. */
    boolean like(long userId, LikeTarget target, long objId, Instant now);

    /** Withdraws the like; true if it stood before. */
    boolean unlike(long userId, LikeTarget target, long objId, Instant now);

    /** Standing likes of a target, newest first (created_at, then id, descending). */
    Page<Like> list(LikeTarget target, long objId, PageRequest page);
}
