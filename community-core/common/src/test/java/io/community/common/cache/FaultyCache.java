package io.community.common.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Fault injector and recorder around a real cache: fails chosen operations on demand and remembers
 * the TTL of every put, so tests can see what {@link CacheAside} asked for.
 */
final class FaultyCache implements KeyValueCache {
    private final KeyValueCache delegate;
    final ConcurrentMap<String, Duration> putTtls = new ConcurrentHashMap<>();
    volatile boolean failReads;
    volatile boolean failWrites;
    volatile boolean failDeletes;

    FaultyCache(KeyValueCache delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<String> get(String key) {
        failIf(failReads);
        return delegate.get(key);
    }

    @Override
    public Map<String, String> getAll(Collection<String> keys) {
        failIf(failReads);
        return delegate.getAll(keys);
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        failIf(failWrites);
        putTtls.put(key, ttl);
        delegate.put(key, value, ttl);
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        failIf(failWrites);
        return delegate.putIfAbsent(key, value, ttl);
    }

    @Override
    public long increment(String key, Duration ttlIfNew) {
        failIf(failWrites);
        return delegate.increment(key, ttlIfNew);
    }

    @Override
    public boolean delete(String key) {
        failIf(failDeletes);
        return delegate.delete(key);
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        failIf(failDeletes);
        delegate.deleteAll(keys);
    }

    private static void failIf(boolean fail) {
        if (fail) {
            throw new InjectedFailure();
        }
    }

    static final class InjectedFailure extends RuntimeException {
        InjectedFailure() {
            super("injected cache failure");
        }
    }
}
