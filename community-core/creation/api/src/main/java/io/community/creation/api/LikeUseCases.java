package io.community.creation.api;

import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;

/** Likes on posts and comments; like and unlike are idempotent, also under concurrency. */
public interface LikeUseCases {

    void like(Actor actor, LikeTarget target, long objId);

    void unlike(Actor actor, LikeTarget target, long objId);

    Page<Like> listForPost(long postId, PageRequest page);

    Page<Like> listForComment(long commentId, PageRequest page);
}
