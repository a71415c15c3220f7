package io.community.common.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The cache port: string keys, string values, per-entry TTLs and a few atomic operations.
 * Two implementations ({@link RedisCache} and {@link InMemoryCache}) pass the same contract test
 * suite, so nothing here may rely on one of them.
 *
 * <p>Every entry has a TTL: a TTL must be positive, otherwise the call throws
 * {@link IllegalArgumentException}. Any other failure of the store (Redis down, timeout) surfaces
 * as a {@link RuntimeException} — behind {@link ResilientCache}, a {@link CacheUnavailableException}
 * within the configured timeout; callers that can live without the cache catch it
 * ({@link CacheAside} does).
 */
public interface KeyValueCache {

    Optional<String> get(String key);

    /** Values of the keys that are present; absent or expired keys are left out. */
    Map<String, String> getAll(Collection<String> keys);

    /** Stores the value, replacing any previous value and its TTL. */
    void put(String key, String value, Duration ttl);

    /** Stores only when the key is absent; true if this call stored it. Atomic. */
    boolean putIfAbsent(String key, String value, Duration ttl);

    /**
     * Adds one and returns the new value; a missing key counts from 0 and gets {@code ttlIfNew}.
     * An existing key keeps its TTL. Atomic. Fails if the stored value is not an integer.
     */
    long increment(String key, Duration ttlIfNew);

    /** Removes the key; true if this call removed a present entry. Atomic, so one caller wins. */
    boolean delete(String key);

    void deleteAll(Collection<String> keys);
}
