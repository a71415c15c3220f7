package io.community.user.cache;

import io.community.common.cache.CacheAside;
import io.community.common.cache.CacheCodec;
import io.community.common.tx.AfterCommit;
import io.community.user.Session;
import io.community.user.SessionStore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Cache-aside decorator for sessions: a session is read from the cache, loaded from the database on
 * a miss (or when the cache is down). Revocations write the database and evict after commit;
 * the database is the truth, so an emptied or unavailable cache costs a query, never a session.
 * Opening a session writes no cache entry (it is loaded on first use).
 */
public class CachingSessionStore implements SessionStore {
    private final SessionStore delegate;
    private final CacheAside cache;
    private final CacheCodec<Session> codec;
    private final AfterCommit afterCommit;
    private final Duration ttl;

    public CachingSessionStore(
            SessionStore delegate, CacheAside cache, CacheCodec<Session> codec, AfterCommit afterCommit, Duration ttl) {
        this.delegate = delegate;
        this.cache = cache;
        this.codec = codec;
        this.afterCommit = afterCommit;
        this.ttl = ttl;
    }

    static String key(String id) {
        return "session:" + id;
    }

    @Override
    public void open(Session session) {
        delegate.open(session);
    }

    @Override
    public Optional<Session> find(String id) {
        return cache.get(key(id), ttl, codec, () -> delegate.find(id));
    }

    @Override
    public boolean revoke(String id, Instant at) {
        boolean revoked = delegate.revoke(id, at);
        afterCommit.run(() -> cache.evict(key(id)));
        return revoked;
    }

    @Override
    public List<String> revokeAll(long userId, Instant at) {
        List<String> ids = delegate.revokeAll(userId, at);
        if (!ids.isEmpty()) {
            List<String> keys = ids.stream().map(CachingSessionStore::key).toList();
            afterCommit.run(() -> cache.evict(keys));
        }
        return ids;
    }

    @Override
    public int deleteExpired(Instant before, int limit) {
        // cached copies of expired sessions are harmless: the service checks expiresAt
        return delegate.deleteExpired(before, limit);
    }
}
