package io.community.creation.api;

import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.micronaut.core.annotation.Nullable;

/** Collections (bookmarks) of posts. */
public interface CollectUseCases {

    /** Idempotent; not on one's own post (20101). */
    void collect(Actor actor, long postId);

    /** Owner only; {@code postId}, when given, must be the collect's post. */
    void uncollect(Actor actor, long collectId, @Nullable Long postId);

    /** A user's collects, newest first; collects of deleted posts are hidden. */
    Page<Collect> list(Actor actor, long userId, PageRequest page);
}
