package io.community.relation;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.relation.api.RelationCount;
import io.community.relation.api.RelationUseCases;
import io.micronaut.retry.annotation.Retryable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The relation context's use cases. Transactions live here; storage and caching are behind
 * {@link RelationStore}, users behind {@link UserDirectory}.
 *
 * <p>Writes are retried as a whole when the database aborts them for a concurrent transaction
 * ({@link TransientFailure}): the retry interceptor runs outside the transaction one, so each
 * attempt is a new transaction. Safe because follow and unfollow are idempotent.
 */
@Singleton
public class RelationService implements RelationUseCases {
    private final RelationStore relations;
    private final UserDirectory users;
    private final Clock clock;

    public RelationService(RelationStore relations, UserDirectory users, Clock clock) {
        this.relations = relations;
        this.users = users;
        this.clock = clock;
    }

    @Override
    @Retryable(predicate = TransientFailure.class, attempts = "5", delay = "10ms", multiplier = "2", jitter = "0.5")
    @Transactional
    public void follow(Actor actor, long followedUid) {
        if (actor.is(followedUid)) {
            throw new DomainException(ErrorReason.CANNOT_FOLLOW_SELF);
        }
        requireUser(followedUid);
        relations.follow(actor.userId(), followedUid, now());
    }

    @Override
    @Retryable(predicate = TransientFailure.class, attempts = "5", delay = "10ms", multiplier = "2", jitter = "0.5")
    @Transactional
    public void unfollow(Actor actor, long followedUid) {
        if (actor.is(followedUid)) {
            throw new DomainException(ErrorReason.CANNOT_FOLLOW_SELF, "cannot unfollow yourself");
        }
        // no existence check: a follow of a user deleted since must still be removable
        relations.unfollow(actor.userId(), followedUid, now());
    }

    @Override
    public Page<Long> following(long userId, PageRequest page) {
        requireKnownUser(userId);
        return relations.following(userId, page);
    }

    @Override
    public Page<Long> followers(long userId, PageRequest page) {
        requireKnownUser(userId);
        return relations.followers(userId, page);
    }

    @Override
    public Map<Long, Boolean> check(Actor actor, List<Long> uids) {
        if (uids == null || uids.isEmpty() || uids.size() > MAX_CHECK_IDS) {
            throw DomainException.invalidField("uids", "must hold 1 to " + MAX_CHECK_IDS + " ids");
        }
        if (uids.stream().anyMatch(Objects::isNull)) {
            throw DomainException.invalidField("uids", "must not contain null");
        }
        Set<Long> distinct = new LinkedHashSet<>(uids);
        Set<Long> followed = relations.followedAmong(actor.userId(), distinct);
        Map<Long, Boolean> result = new LinkedHashMap<>();
        distinct.forEach(uid -> result.put(uid, followed.contains(uid)));
        return result;
    }

    @Override
    public RelationCount count(long userId) {
        requireKnownUser(userId);
        return relations.count(userId);
    }

    @Override
    public List<Long> followingIds(long userId, int max) {
        if (max < 0) {
            throw DomainException.invalidField("max", "must not be negative");
        }
        return max == 0 ? List.of() : relations.followingIds(userId, max);
    }

    private void requireUser(long userId) {
        if (userId <= 0 || !users.exists(userId)) {
            throw DomainException.notFound("user");
        }
    }

    /** For reads: the answer may come from the directory's cache (no remote call in the cluster). */
    private void requireKnownUser(long userId) {
        if (userId <= 0 || !users.known(userId)) {
            throw DomainException.notFound("user");
        }
    }

    private Instant now() {
        // The database keeps microseconds; truncating here keeps what is stored and compared alike.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
