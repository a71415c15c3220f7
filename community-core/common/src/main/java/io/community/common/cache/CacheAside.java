package io.community.common.cache;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Cache-aside reads over a {@link KeyValueCache}, the way every context caches rows:
 * <ul>
 *   <li>absent rows are cached too, for {@code negativeTtl}, so unknown ids do not hit the database
 *       on every request;</li>
 *   <li>concurrent misses of one key in this process load once (single flight);</li>
 *   <li>every TTL gets a random ± jitter, so entries written together do not expire together;</li>
 *   <li>the cache is an optimisation for reads: when it fails, reads go to the loader
 *       (WARN in the log; DEBUG while the cache is known to be down, so an outage does not flood
 *       the log) and nothing is stored;</li>
 *   <li>evictions never throw. They run after the database commit, so the request has succeeded;
 *       answering it with an error would make the client retry a write that is done. A failed
 *       eviction is logged, and the Redis cache ({@link ResilientCache}) keeps it and delivers it
 *       when Redis answers again, before this instance reads anything from Redis; the TTL bounds
 *       what remains.</li>
 * </ul>
 *
 * <p>Call {@link #evict} after the transaction that changed the rows has committed. A load that is
 * running in this process while its key is evicted does not leave its (possibly older) value
 * in the cache. Across processes that race remains possible and is bounded by the TTL.
 *
 * <p>Log lines name only the first segment of a key (keys may hold emails or tokens), never values.
 */
@Singleton
public class CacheAside {
    private static final Logger LOG = LoggerFactory.getLogger(CacheAside.class);

    /** Stored for "no such row". JSON never starts with '~', so no codec output can be mistaken for it. */
    static final String ABSENT_MARKER = "~absent";

    private final KeyValueCache cache;
    private final Duration negativeTtl;
    private final double jitter;
    private final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();
    private CacheMetrics metrics = CacheMetrics.NONE;

    @Inject
    public CacheAside(KeyValueCache cache, CacheProperties properties) {
        this(cache, properties.getNegativeTtl(), properties.getJitter());
    }

    /**
     * @param negativeTtl how long an absent row is remembered
     * @param jitter      relative TTL spread, 0 ≤ jitter &lt; 1 (0.1 = ±10 %)
     */
    public CacheAside(KeyValueCache cache, Duration negativeTtl, double jitter) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.negativeTtl = requirePositive(negativeTtl, "community.cache.negative-ttl");
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("community.cache.jitter must be in [0, 1): " + jitter);
        }
        this.jitter = jitter;
    }

    /** Hit and miss counting, when the runtime exports metrics (method injection keeps the constructors as they are). */
    @Inject
    public void setMetrics(@Nullable CacheMetrics metrics) {
        this.metrics = metrics == null ? CacheMetrics.NONE : metrics;
    }

    /**
     * The value under {@code key}, loading it on a miss.
     *
     * @param loader reads the source of truth; empty when the row does not exist. Called at most once
     *               for concurrent misses of the same key; its exceptions reach every waiting caller
     *               and nothing is cached.
     */
    public <T> Optional<T> get(String key, Duration ttl, CacheCodec<T> codec, Supplier<Optional<T>> loader) {
        Objects.requireNonNull(key, "key");
        requirePositive(ttl, "ttl");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(loader, "loader");

        Optional<T> cached = read(key, codec);
        if (cached != null) {
            metrics.hits(name(key), 1);
            return cached;
        }
        metrics.misses(name(key), 1);
        Flight mine = new Flight();
        Flight running = flights.putIfAbsent(key, mine);
        if (running != null) {
            return running.await();
        }
        try {
            // a flight that ended between our miss and putIfAbsent has stored the value already
            Optional<T> result = read(key, codec);
            if (result == null) {
                result = Objects.requireNonNull(loader.get(), "loader returned null instead of Optional.empty()");
                store(key, result, ttl, codec, mine);
            }
            mine.result.complete(result);
            return result;
        } catch (Throwable e) {
            mine.result.completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(key, mine);
        }
    }

    /**
     * Batch variant for a page of ids: one multi-get, then one {@code batchLoader} call for the
     * misses. Ids missing from the loader's result are cached as absent.
     *
     * @return the present values, in the order of {@code ids}
     */
    public <K, T> Map<K, T> getAll(
            Collection<K> ids,
            Function<K, String> keyOf,
            Duration ttl,
            CacheCodec<T> codec,
            Function<Collection<K>, Map<K, T>> batchLoader) {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(keyOf, "keyOf");
        requirePositive(ttl, "ttl");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(batchLoader, "batchLoader");
        if (ids.isEmpty()) {
            return new LinkedHashMap<>();
        }
        Map<String, K> idByKey = new LinkedHashMap<>();
        for (K id : ids) {
            idByKey.putIfAbsent(Objects.requireNonNull(keyOf.apply(id), "keyOf returned null"), id);
        }

        Map<String, Optional<T>> resolved = readAll(idByKey.keySet(), codec);
        List<String> missing = new ArrayList<>();
        for (String key : idByKey.keySet()) {
            if (!resolved.containsKey(key)) {
                missing.add(key);
            }
        }
        String cacheName = name(idByKey.keySet().iterator().next());
        metrics.hits(cacheName, idByKey.size() - missing.size());
        metrics.misses(cacheName, missing.size());
        if (!missing.isEmpty()) {
            load(missing, idByKey, ttl, codec, batchLoader, resolved);
        }

        Map<K, T> result = new LinkedHashMap<>();
        idByKey.forEach((key, id) -> resolved.get(key).ifPresent(value -> result.put(id, value)));
        return result;
    }

    /**
     * Deletes the keys; call it after commit. Never throws for a cache failure (see the class comment):
     * the failure is logged, and a {@link ResilientCache} retries the eviction once Redis is back.
     */
    public void evict(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            return;
        }
        // mark running loads before deleting: they either see the mark or store before our delete
        for (String key : keys) {
            Flight flight = flights.get(key);
            if (flight != null) {
                flight.evicted = true;
            }
        }
        try {
            cache.deleteAll(keys);
        } catch (CacheUnavailableException e) {
            // while the breaker is open (no cause) its OPEN line already said so: one WARN per write would flood the
            // log
            String message = "Cache eviction of {} key(s) ({}) not delivered; it is retried when the cache is back: {}";
            if (e.getCause() == null) {
                LOG.debug(message, keys.size(), describe(keys.iterator().next()), e.getMessage());
            } else {
                LOG.warn(message, keys.size(), describe(keys.iterator().next()), e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error(
                    "Cache eviction of {} key(s) ({}) failed; entries may be stale until their TTL ends",
                    keys.size(),
                    describe(keys.iterator().next()),
                    e);
        }
    }

    public void evict(String key) {
        evict(List.of(key));
    }

    // --- loading -------------------------------------------------------------------------------

    private <K, T> void load(
            List<String> missing,
            Map<String, K> idByKey,
            Duration ttl,
            CacheCodec<T> codec,
            Function<Collection<K>, Map<K, T>> batchLoader,
            Map<String, Optional<T>> resolved) {
        Map<String, Flight> led = new LinkedHashMap<>();
        Map<String, Flight> joined = new LinkedHashMap<>();
        for (String key : missing) {
            Flight mine = new Flight();
            Flight running = flights.putIfAbsent(key, mine);
            if (running == null) {
                led.put(key, mine);
            } else {
                joined.put(key, running);
            }
        }
        // Finish our own flights before waiting for others': a wait can then never be part of a cycle.
        try {
            if (!led.isEmpty()) {
                Map<String, Optional<T>> again = readAll(led.keySet(), codec);
                List<K> toLoad = new ArrayList<>();
                for (String key : led.keySet()) {
                    if (!again.containsKey(key)) {
                        toLoad.add(idByKey.get(key));
                    }
                }
                Map<K, T> loaded = toLoad.isEmpty()
                        ? Map.of()
                        : Objects.requireNonNull(batchLoader.apply(toLoad), "batchLoader returned null");
                boolean storing = true;
                for (Map.Entry<String, Flight> entry : led.entrySet()) {
                    String key = entry.getKey();
                    Optional<T> value = again.get(key);
                    if (value == null) {
                        value = Optional.ofNullable(loaded.get(idByKey.get(key)));
                        // after the first failure the cache is most likely down: spare it and the log
                        storing = storing && store(key, value, ttl, codec, entry.getValue());
                    }
                    resolved.put(key, value);
                }
                led.forEach((key, flight) -> flight.result.complete(resolved.get(key)));
            }
        } catch (Throwable e) {
            led.values().forEach(flight -> flight.result.completeExceptionally(e));
            throw e;
        } finally {
            led.forEach(flights::remove);
        }
        joined.forEach((key, flight) -> resolved.put(key, flight.await()));
    }

    /** @return false if the cache failed */
    private <T> boolean store(String key, Optional<T> value, Duration ttl, CacheCodec<T> codec, Flight flight) {
        String text;
        Duration life;
        if (value.isPresent()) {
            text = codec.encode(value.get()); // a codec that cannot encode is a bug: let it surface
            if (ABSENT_MARKER.equals(text)) {
                throw new IllegalStateException("codec output collides with the absent marker for " + describe(key));
            }
            life = jittered(ttl);
        } else {
            text = ABSENT_MARKER;
            life = jittered(negativeTtl);
        }
        try {
            cache.put(key, text, life);
        } catch (RuntimeException e) {
            failed("Cache write failed for {}; serving the loaded value uncached: {}", key, e);
            return false;
        }
        if (flight.evicted) {
            // evicted while we loaded: what we stored may predate the change
            try {
                cache.delete(key);
            } catch (RuntimeException e) {
                LOG.error(
                        "Cache could not drop an entry for {} evicted during its load; it may be stale until its TTL ends",
                        describe(key),
                        e);
                return false;
            }
        }
        return true;
    }

    // --- reading -------------------------------------------------------------------------------

    /** @return the cached value (empty for the absent marker), or null on a miss or a cache failure */
    private <T> Optional<T> read(String key, CacheCodec<T> codec) {
        Optional<String> text;
        try {
            text = cache.get(key);
        } catch (RuntimeException e) {
            failed("Cache read failed for {}; loading from the source: {}", key, e);
            return null;
        }
        return text.isEmpty() ? null : decode(key, text.get(), codec);
    }

    /** @return the keys found in the cache; misses and failures are left out */
    private <T> Map<String, Optional<T>> readAll(Collection<String> keys, CacheCodec<T> codec) {
        Map<String, String> texts;
        try {
            texts = cache.getAll(keys);
        } catch (RuntimeException e) {
            failed(
                    "Cache read of several keys ({}) failed; loading from the source: {}",
                    keys.iterator().next(),
                    e);
            texts = Map.of();
        }
        Map<String, Optional<T>> found = new HashMap<>();
        texts.forEach((key, text) -> {
            Optional<T> value = decode(key, text, codec);
            if (value != null) {
                found.put(key, value);
            }
        });
        return found;
    }

    private <T> Optional<T> decode(String key, String text, CacheCodec<T> codec) {
        if (ABSENT_MARKER.equals(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(codec.decode(text));
        } catch (RuntimeException e) {
            // typically an entry written by an older version; the reload overwrites it.
            // Only the exception type: parser messages may quote the value.
            LOG.warn(
                    "Cache entry for {} cannot be decoded ({}); reloading it",
                    describe(key),
                    e.getClass().getName());
            return null;
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    /** WARN for a failure; DEBUG when the cache is known to be down (its breaker logged that once). */
    private static void failed(String message, String key, RuntimeException e) {
        if (e instanceof CacheUnavailableException && e.getCause() == null) {
            LOG.debug(message, describe(key), e.toString());
        } else {
            LOG.warn(message, describe(key), e.toString());
        }
    }

    private Duration jittered(Duration ttl) {
        double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(ttl.toMillis() * factor)));
    }

    private static Duration requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }

    /**
     * The cache a key belongs to, for metrics: its first two segments ("user:email:a@b.c" → "user:email",
     * "relation:count:7" → "relation:count"), never the id or email that follows.
     */
    static String name(String key) {
        int first = key.indexOf(':');
        int second = first < 0 ? -1 : key.indexOf(':', first + 1);
        if (first < 0) {
            return "unnamed"; // not the key itself: it could be personal
        }
        return second < 0 ? key.substring(0, first) : key.substring(0, second);
    }

    /** "user:email:a@b.c" → "user:…": enough to find the context, nothing personal. */
    private static String describe(String key) {
        int colon = key.indexOf(':');
        return "'" + (colon < 0 ? "" : key.substring(0, colon + 1)) + "…'";
    }

    private static final class Flight {
        final CompletableFuture<Optional<?>> result = new CompletableFuture<>();
        volatile boolean evicted;

        @SuppressWarnings("unchecked")
        <T> Optional<T> await() {
            try {
                return (Optional<T>) result.join();
            } catch (CompletionException e) {
                // rethrow the loader's own exception (e.g. a DomainException) to every waiter
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }
}
