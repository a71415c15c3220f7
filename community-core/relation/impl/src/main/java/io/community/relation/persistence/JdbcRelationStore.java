package io.community.relation.persistence;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.common.persistence.UtcMicros;
import io.community.relation.RelationStore;
import io.community.relation.api.RelationCount;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The relation tables behind {@link RelationStore}. Named so that the caching decorator can ask
 * for exactly this one; everything else gets the decorator.
 *
 * <p>Idempotency comes from the unique keys: a follow inserts with {@code INSERT IGNORE} and moves
 * the counters only when its row was really inserted; an unfollow moves them only when its row
 * was really deleted. Under concurrency the database serializes the duplicates on the unique key,
 * so exactly one of them inserts (or deletes) and counts. Counters change with atomic SQL in the
 * same transaction (the caller's, else one of their own), in ascending user order, so that two
 * transactions never wait for each other's counter rows in a cycle. The deadlocks InnoDB can still
 * find on a pair's unique-key entry are retried as a whole by the service.
 *
 * <p>Times are bound as microseconds since the epoch and converted in SQL
 * ({@code TIMESTAMPADD(MICROSECOND, ?, TIMESTAMP '1970-01-01 00:00:00')}), so neither the JVM's nor
 * the server's zone shifts them: see common's {@code UtcMicros}.
 */
@Singleton
@Named("jdbc")
public class JdbcRelationStore implements RelationStore {
    private final RelationRepository repository;

    public JdbcRelationStore(RelationRepository repository) {
        this.repository = repository;
    }

    @Override
    @Transactional
    public boolean follow(long userId, long followedUid, Instant at) {
        long micros = UtcMicros.of(at);
        if (repository.insertFollowing(userId, followedUid, micros) == 0) {
            return false;
        }
        // 0 only if the mirror row outlived its pair (data from elsewhere): then it is counted already
        int follower = repository.insertFollower(followedUid, userId, micros);
        inUserOrder(userId, () -> repository.addCounts(userId, 1, 0, micros), followedUid, () -> {
            if (follower > 0) {
                repository.addCounts(followedUid, 0, 1, micros);
            }
        });
        return true;
    }

    @Override
    @Transactional
    public boolean unfollow(long userId, long followedUid, Instant at) {
        long micros = UtcMicros.of(at);
        if (repository.deleteFollowing(userId, followedUid) == 0) {
            return false;
        }
        int follower = repository.deleteFollower(followedUid, userId);
        inUserOrder(userId, () -> repository.decrementFollowing(userId, micros), followedUid, () -> {
            if (follower > 0) {
                repository.decrementFollower(followedUid, micros);
            }
        });
        return true;
    }

    /** Total and page in one read-only transaction, so that they agree. */
    @Override
    @ReadOnly
    public Page<Long> following(long userId, PageRequest page) {
        long total = count(userId).followingNum();
        if (total <= page.offset()) {
            return new Page<>(List.of(), total);
        }
        return new Page<>(repository.findFollowedUids(userId, page.limit(), page.offset()), total);
    }

    @Override
    @ReadOnly
    public Page<Long> followers(long userId, PageRequest page) {
        long total = count(userId).followerNum();
        if (total <= page.offset()) {
            return new Page<>(List.of(), total);
        }
        return new Page<>(repository.findFollowerUids(userId, page.limit(), page.offset()), total);
    }

    @Override
    public Set<Long> followedAmong(long userId, Collection<Long> candidates) {
        List<Long> distinct =
                candidates.stream().filter(Objects::nonNull).distinct().toList();
        if (distinct.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(repository.findFollowedAmong(userId, distinct));
    }

    @Override
    public RelationCount count(long userId) {
        return repository
                .findById(userId)
                .map(row -> new RelationCount(row.followingNum(), row.followerNum()))
                .orElse(RelationCount.NONE);
    }

    @Override
    public List<Long> followingIds(long userId, int max) {
        if (max <= 0) {
            return List.of();
        }
        return repository.findFollowedUids(userId, max, 0);
    }

    /** Runs the counter change of the lower user id first: one global lock order for counter rows. */
    private static void inUserOrder(long user, Runnable ofUser, long other, Runnable ofOther) {
        if (user < other) {
            ofUser.run();
            ofOther.run();
        } else {
            ofOther.run();
            ofUser.run();
        }
    }

    /** Sub-microsecond digits are dropped (floor), as the user context does. */
}
