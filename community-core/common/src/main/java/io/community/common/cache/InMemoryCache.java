package io.community.common.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * In-process {@link KeyValueCache} for the embedded default (one process, no Redis).
 *
 * <p>Unbounded on purpose: sessions and rate-limit counters live here too, and evicting them
 * for size would log users out or reset limits. Every entry has a TTL, so memory stays bounded
 * by the write rate times the TTLs.
 */
public final class InMemoryCache implements KeyValueCache {

    /** {@code keepTtl}: an increment of an existing entry must not restart its clock. */
    private record Entry(String value, long ttlNanos, boolean keepTtl) {}

    private final Cache<String, Entry> cache;

    public InMemoryCache() {
        this(Ticker.systemTicker());
    }

    /** With a controllable clock, for tests. */
    public InMemoryCache(Ticker ticker) {
        this.cache = Caffeine.newBuilder()
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry entry, long currentTime) {
                        return entry.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
                        return entry.keepTtl() ? currentDuration : entry.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public Optional<String> get(String key) {
        Entry entry = cache.getIfPresent(Objects.requireNonNull(key, "key"));
        return entry == null ? Optional.empty() : Optional.of(entry.value());
    }

    @Override
    public Map<String, String> getAll(Collection<String> keys) {
        Map<String, String> values = new LinkedHashMap<>();
        cache.getAllPresent(keys).forEach((key, entry) -> values.put(key, entry.value()));
        return values;
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        cache.put(
                Objects.requireNonNull(key, "key"),
                new Entry(Objects.requireNonNull(value, "value"), nanos(ttl), false));
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        Entry entry = new Entry(Objects.requireNonNull(value, "value"), nanos(ttl), false);
        // Caffeine treats an expired entry as absent here, like Redis does
        return cache.asMap().putIfAbsent(Objects.requireNonNull(key, "key"), entry) == null;
    }

    @Override
    public long increment(String key, Duration ttlIfNew) {
        long ttl = nanos(ttlIfNew);
        Entry updated = cache.asMap().compute(Objects.requireNonNull(key, "key"), (k, old) -> {
            if (old == null) {
                return new Entry("1", ttl, false);
            }
            long current;
            try {
                current = Long.parseLong(old.value());
            } catch (NumberFormatException e) {
                throw new IllegalStateException("the cached value is not an integer", e);
            }
            return new Entry(Long.toString(Math.addExact(current, 1)), old.ttlNanos(), true);
        });
        return Long.parseLong(updated.value());
    }

    @Override
    public boolean delete(String key) {
        // null for an absent or already expired entry, so only the caller that removed a live entry wins
        return cache.asMap().remove(Objects.requireNonNull(key, "key")) != null;
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        cache.invalidateAll(keys);
    }

    private static long nanos(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        try {
            return ttl.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE; // Caffeine caps it at its own maximum
        }
    }
}
