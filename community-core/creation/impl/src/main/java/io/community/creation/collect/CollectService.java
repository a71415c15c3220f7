package io.community.creation.collect;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.PostCounters;
import io.community.creation.PostCounters.Counter;
import io.community.creation.PostCounters.PostRef;
import io.community.creation.api.Collect;
import io.community.creation.api.CollectUseCases;
import io.community.creation.collect.CollectStore.CollectRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Collects. The post's collectCount moves in the same transaction as the collect row, and only
 * when the row's state really changed, so repeated and concurrent requests count once.
 * A user's collects are private: only they (or an admin) can list them.
 */
@Singleton
public class CollectService implements CollectUseCases {
    private final CollectStore collects;
    private final PostCounters posts;
    private final Clock clock;

    public CollectService(CollectStore collects, PostCounters posts, Clock clock) {
        this.collects = collects;
        this.posts = posts;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void collect(Actor actor, long postId) {
        PostRef post = posts.findLive(postId).orElseThrow(() -> DomainException.notFound("post"));
        if (actor.is(post.userId())) {
            throw new DomainException(ErrorReason.CANNOT_COLLECT_OWN_POST);
        }
        if (collects.add(actor.userId(), postId, now())) {
            posts.add(postId, Counter.COLLECT, 1);
        }
    }

    @Override
    @Transactional
    public void uncollect(Actor actor, long collectId, @Nullable Long postId) {
        CollectRow row = collects.find(collectId).orElseThrow(() -> DomainException.notFound("collect"));
        if (!actor.is(row.userId())) {
            throw DomainException.forbidden("only the owner may remove a collect");
        }
        if (postId != null && postId != row.postId()) {
            throw DomainException.invalidField("postId", "is not the post of this collect");
        }
        // the count of the collect's own post, whatever the request says (the reference used the request's)
        if (row.active() && collects.remove(collectId, now())) {
            posts.add(row.postId(), Counter.COLLECT, -1);
        }
    }

    @Override
    @ReadOnly
    public Page<Collect> list(Actor actor, long userId, PageRequest page) {
        if (!actor.is(userId) && !actor.isAdmin()) {
            throw DomainException.forbidden("collects are visible to their owner only");
        }
        return collects.listActive(userId, page);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
