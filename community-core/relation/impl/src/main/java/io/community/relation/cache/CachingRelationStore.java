package io.community.relation.cache;

import io.community.common.cache.CacheAside;
import io.community.common.cache.CacheCodec;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.common.tx.AfterCommit;
import io.community.relation.RelationStore;
import io.community.relation.api.RelationCount;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cache-aside decorator for counts, the one read that profile pages repeat for every visitor.
 * A follow or unfollow that changed something evicts both users' counts after commit (before
 * commit a concurrent reader could cache the old numbers again). Lists and checks always go to
 * the database: they change with every follow and come in many pages.
 */
public class CachingRelationStore implements RelationStore {
    private final RelationStore delegate;
    private final CacheAside cache;
    private final CacheCodec<RelationCount> codec;
    private final AfterCommit afterCommit;
    private final Duration ttl;

    public CachingRelationStore(
            RelationStore delegate,
            CacheAside cache,
            CacheCodec<RelationCount> codec,
            AfterCommit afterCommit,
            Duration ttl) {
        this.delegate = delegate;
        this.cache = cache;
        this.codec = codec;
        this.afterCommit = afterCommit;
        this.ttl = ttl;
    }

    static String countKey(long userId) {
        return "relation:count:" + userId;
    }

    @Override
    public boolean follow(long userId, long followedUid, Instant at) {
        boolean changed = delegate.follow(userId, followedUid, at);
        evictAfterCommitIf(changed, userId, followedUid);
        return changed;
    }

    @Override
    public boolean unfollow(long userId, long followedUid, Instant at) {
        boolean changed = delegate.unfollow(userId, followedUid, at);
        evictAfterCommitIf(changed, userId, followedUid);
        return changed;
    }

    @Override
    public Page<Long> following(long userId, PageRequest page) {
        return delegate.following(userId, page);
    }

    @Override
    public Page<Long> followers(long userId, PageRequest page) {
        return delegate.followers(userId, page);
    }

    @Override
    public Set<Long> followedAmong(long userId, Collection<Long> candidates) {
        return delegate.followedAmong(userId, candidates);
    }

    @Override
    public RelationCount count(long userId) {
        // never absent: a user without follows has zeros, cached like any other value
        return cache.get(countKey(userId), ttl, codec, () -> Optional.of(delegate.count(userId)))
                .orElse(RelationCount.NONE);
    }

    @Override
    public List<Long> followingIds(long userId, int max) {
        return delegate.followingIds(userId, max);
    }

    private void evictAfterCommitIf(boolean changed, long userId, long followedUid) {
        if (changed) {
            List<String> keys = List.of(countKey(userId), countKey(followedUid));
            afterCommit.run(() -> cache.evict(keys));
        }
    }
}
