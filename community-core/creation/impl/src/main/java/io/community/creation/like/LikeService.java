package io.community.creation.like;

import io.community.common.error.DomainException;
import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.CommentCounters;
import io.community.creation.PostCounters;
import io.community.creation.PostCounters.Counter;
import io.community.creation.api.Like;
import io.community.creation.api.LikeTarget;
import io.community.creation.api.LikeUseCases;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Likes on posts and comments. Like and unlike are idempotent: the store reports whether the
 * status really flipped, and only then does the target's likeCount move, in the same
 * transaction. Both need a live target (404 otherwise); a like again after an unlike works.
 */
@Singleton
public class LikeService implements LikeUseCases {
    private final LikeStore likes;
    private final PostCounters posts;
    private final CommentCounters comments;
    private final Clock clock;

    public LikeService(LikeStore likes, PostCounters posts, CommentCounters comments, Clock clock) {
        this.likes = likes;
        this.posts = posts;
        this.comments = comments;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void like(Actor actor, LikeTarget target, long objId) {
        requireLive(target, objId);
        if (likes.like(actor.userId(), target, objId, now())) {
            count(target, objId, 1);
        }
    }

    @Override
    @Transactional
    public void unlike(Actor actor, LikeTarget target, long objId) {
        // No liveness check: taking a like back stays possible (and idempotent) after its target was
        // deleted; the hidden target's counter still moves, so a restore would show the truth.
        requireType(target);
        if (likes.unlike(actor.userId(), target, objId, now())) {
            count(target, objId, -1);
        }
    }

    @Override
    @ReadOnly
    public Page<Like> listForPost(long postId, PageRequest page) {
        requireLive(LikeTarget.POST, postId);
        return likes.list(LikeTarget.POST, postId, page);
    }

    @Override
    @ReadOnly
    public Page<Like> listForComment(long commentId, PageRequest page) {
        requireLive(LikeTarget.COMMENT, commentId);
        return likes.list(LikeTarget.COMMENT, commentId, page);
    }

    private static void requireType(@Nullable LikeTarget target) {
        if (target == null) {
            throw DomainException.invalidField("objType", "must be 1 (post) or 2 (comment)");
        }
    }

    private void requireLive(@Nullable LikeTarget target, long objId) {
        requireType(target);
        switch (target) {
            case POST -> posts.findLive(objId).orElseThrow(() -> DomainException.notFound("post"));
            case COMMENT -> comments.findLive(objId).orElseThrow(() -> DomainException.notFound("comment"));
        }
    }

    private void count(LikeTarget target, long objId, long delta) {
        switch (target) {
            case POST -> posts.add(objId, Counter.LIKE, delta);
            case COMMENT -> comments.addLikes(objId, delta);
        }
    }

    private Instant now() {
        // The database keeps microseconds; truncating here makes what we return equal what we store.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
