package io.community.relation;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.relation.api.RelationCount;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/** An in-memory RelationStore for use-case tests; the JDBC adapter is tested against MariaDB and H2. */
final class FakeRelationStore implements RelationStore {
    private record Follow(long userId, long followedUid, Instant at, long seq) {}

    private static final Comparator<Follow> NEWEST_FIRST =
            Comparator.comparing(Follow::at).thenComparingLong(Follow::seq).reversed();

    private final List<Follow> follows = new ArrayList<>();
    private long seq;
    int writes;

    @Override
    public synchronized boolean follow(long userId, long followedUid, Instant at) {
        writes++;
        if (find(userId, followedUid) != null) {
            return false;
        }
        follows.add(new Follow(userId, followedUid, at, ++seq));
        return true;
    }

    @Override
    public synchronized boolean unfollow(long userId, long followedUid, Instant at) {
        writes++;
        return follows.remove(find(userId, followedUid));
    }

    @Override
    public synchronized Page<Long> following(long userId, PageRequest page) {
        return page(f -> f.userId == userId, Follow::followedUid, page);
    }

    @Override
    public synchronized Page<Long> followers(long userId, PageRequest page) {
        return page(f -> f.followedUid == userId, Follow::userId, page);
    }

    @Override
    public synchronized Set<Long> followedAmong(long userId, Collection<Long> candidates) {
        Set<Long> result = new HashSet<>();
        for (Long candidate : candidates) {
            if (find(userId, candidate) != null) {
                result.add(candidate);
            }
        }
        return result;
    }

    @Override
    public synchronized RelationCount count(long userId) {
        return new RelationCount(
                follows.stream().filter(f -> f.userId == userId).count(),
                follows.stream().filter(f -> f.followedUid == userId).count());
    }

    @Override
    public synchronized List<Long> followingIds(long userId, int max) {
        return following(userId, new PageRequest(0, PageRequest.MAX_LIMIT)).items().stream()
                .limit(max)
                .toList();
    }

    private Page<Long> page(Predicate<Follow> filter, ToLongFunction<Follow> id, PageRequest page) {
        List<Long> all = follows.stream()
                .filter(filter)
                .sorted(NEWEST_FIRST)
                .map(id::applyAsLong)
                .toList();
        return new Page<>(all.stream().skip(page.offset()).limit(page.limit()).toList(), all.size());
    }

    private Follow find(long userId, long followedUid) {
        return follows.stream()
                .filter(f -> f.userId == userId && f.followedUid == followedUid)
                .findFirst()
                .orElse(null);
    }
}
