package io.community.common.cache;

import io.community.common.testing.TestRedis;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static io.community.common.cache.KeyValueCacheContract.concurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link CacheAside} over both real caches, with {@link FaultyCache} to inject failures and record TTLs. */
class CacheAsideIT {
    private static final Duration TTL = Duration.ofSeconds(10);
    private static final Duration NEGATIVE_TTL = Duration.ofMillis(300);
    private static final CacheCodec<Item> CODEC = new JsonCacheCodec<>(ObjectMapper.getDefault(), Item.class);

    private static TestRedis redis;
    private static StatefulRedisConnection<String, String> connection;
    private static RedisCommands<String, String> raw;
    private static String prefix;

    @Serdeable
    record Item(long id, String name) {}

    enum Backend {
        MEMORY,
        REDIS;

        KeyValueCache newCache() {
            return this == MEMORY ? new InMemoryCache() : new RedisCache(connection, prefix);
        }
    }

    private String namespace;

    @BeforeAll
    static void connect() {
        redis = TestRedis.open();
        connection = redis.connection();
        raw = redis.raw();
        prefix = redis.prefix();
    }

    @AfterAll
    static void disconnect() {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void newNamespace() {
        namespace = "item:" + UUID.randomUUID() + ":";
    }

    private String key(Object id) {
        return namespace + id;
    }

    // --- get -------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aMissLoadsAndStoresAndTheNextReadHits(Backend backend) {
        KeyValueCache cache = backend.newCache();
        CacheAside aside = new CacheAside(cache, NEGATIVE_TTL, 0.1);
        CountingLoader<Item> loader = new CountingLoader<>(() -> Optional.of(new Item(1, "first 😀")));

        assertThat(aside.get(key(1), TTL, CODEC, loader)).contains(new Item(1, "first 😀"));
        assertThat(aside.get(key(1), TTL, CODEC, loader)).contains(new Item(1, "first 😀"));

        assertThat(loader.calls.get()).isEqualTo(1);
        assertThat(cache.get(key(1)))
                .hasValueSatisfying(text -> assertThat(text).startsWith("{"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void concurrentMissesOfOneKeyLoadOnce(Backend backend) throws Exception {
        CacheAside aside = new CacheAside(backend.newCache(), NEGATIVE_TTL, 0.1);
        CountingLoader<Item> loader = new CountingLoader<>(() -> {
            sleep(200); // keeps the flight open while the other callers arrive
            return Optional.of(new Item(7, "seven"));
        });

        List<Optional<Item>> results = concurrently(20, i -> aside.get(key(7), TTL, CODEC, loader));

        assertThat(loader.calls.get()).isEqualTo(1);
        assertThat(results).hasSize(20).containsOnly(Optional.of(new Item(7, "seven")));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void concurrentMissesLoadOnceEvenWhenTheCacheIsDown(Backend backend) throws Exception {
        FaultyCache cache = new FaultyCache(backend.newCache());
        cache.failReads = true;
        cache.failWrites = true;
        CacheAside aside = new CacheAside(cache, NEGATIVE_TTL, 0.1);
        CountingLoader<Item> loader = new CountingLoader<>(() -> {
            sleep(200);
            return Optional.of(new Item(8, "eight"));
        });

        List<Optional<Item>> results = concurrently(20, i -> aside.get(key(8), TTL, CODEC, loader));

        assertThat(loader.calls.get()).isEqualTo(1);
        assertThat(results).containsOnly(Optional.of(new Item(8, "eight")));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void absentRowsAreCachedForTheNegativeTtl(Backend backend) throws InterruptedException {
        KeyValueCache cache = backend.newCache();
        CacheAside aside = new CacheAside(cache, NEGATIVE_TTL, 0.1);
        CountingLoader<Item> loader = new CountingLoader<>(Optional::empty);

        assertThat(aside.get(key(404), TTL, CODEC, loader)).isEmpty();
        assertThat(aside.get(key(404), TTL, CODEC, loader)).isEmpty();
        assertThat(loader.calls.get()).isEqualTo(1);
        assertThat(cache.get(key(404))).contains(CacheAside.ABSENT_MARKER);

        Thread.sleep(550); // NEGATIVE_TTL + 10 % jitter + margin

        assertThat(aside.get(key(404), TTL, CODEC, loader)).isEmpty();
        assertThat(loader.calls.get()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theAbsentMarkerIsNeverAJsonValue(Backend backend) {
        // the marker a codec could come closest to producing: a JSON string with the same letters
        CacheCodec<String> strings = new JsonCacheCodec<>(ObjectMapper.getDefault(), String.class);
        CacheAside aside = new CacheAside(backend.newCache(), NEGATIVE_TTL, 0.1);

        assertThat(aside.get(key("s"), TTL, strings, () -> Optional.of(CacheAside.ABSENT_MARKER)))
                .contains(CacheAside.ABSENT_MARKER);
        assertThat(aside.get(key("s"), TTL, strings, Optional::empty)).contains(CacheAside.ABSENT_MARKER);
    }

    @Test
    void ttlsCarryJitterWithinBounds() {
        FaultyCache recorder = new FaultyCache(new InMemoryCache());
        Duration negativeTtl = Duration.ofSeconds(2);
        CacheAside aside = new CacheAside(recorder, negativeTtl, 0.1);

        for (int id = 0; id < 200; id++) {
            boolean exists = id % 2 == 0;
            long itemId = id;
            aside.get(key(id), TTL, CODEC, () -> exists ? Optional.of(new Item(itemId, "x")) : Optional.empty());
        }

        List<Long> present = ttlsMillis(recorder, id -> id % 2 == 0);
        List<Long> absent = ttlsMillis(recorder, id -> id % 2 != 0);
        assertThat(present).hasSize(100).allSatisfy(ttl -> assertThat(ttl).isBetween(9_000L, 11_000L));
        assertThat(absent).hasSize(100).allSatisfy(ttl -> assertThat(ttl).isBetween(1_800L, 2_200L));
        // spread, not a constant offset: uniform over ±1000 ms, 100 draws
        assertThat(new HashSet<>(present)).hasSizeGreaterThan(50);
        assertThat(present.stream().mapToLong(Long::longValue).max().getAsLong()
                        - present.stream().mapToLong(Long::longValue).min().getAsLong())
                .isGreaterThan(1_000L);
    }

    @Test
    void zeroJitterKeepsTheExactTtl() {
        FaultyCache recorder = new FaultyCache(new InMemoryCache());
        CacheAside aside = new CacheAside(recorder, NEGATIVE_TTL, 0);

        aside.get(key(1), TTL, CODEC, () -> Optional.of(new Item(1, "x")));
        aside.get(key(2), TTL, CODEC, Optional::empty);

        assertThat(recorder.putTtls).containsEntry(key(1), TTL).containsEntry(key(2), NEGATIVE_TTL);
    }

    @Test
    void redisHoldsTheJitteredTtl() {
        CacheAside aside = new CacheAside(Backend.REDIS.newCache(), NEGATIVE_TTL, 0.1);
        List<Long> pttls = new ArrayList<>();
        for (int id = 0; id < 50; id++) {
            long itemId = id;
            aside.get(key(id), TTL, CODEC, () -> Optional.of(new Item(itemId, "x")));
            pttls.add(raw.pttl(prefix + key(id)));
        }

        // PTTL counts down from the jittered TTL; allow a second for a slow machine
        assertThat(pttls).allSatisfy(pttl -> assertThat(pttl).isBetween(8_000L, 11_000L));
        assertThat(pttls.stream().mapToLong(Long::longValue).max().getAsLong()
                        - pttls.stream().mapToLong(Long::longValue).min().getAsLong())
                .isGreaterThan(500L);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aFailingCacheDoesNotFailTheRead(Backend backend) {
        FaultyCache cache = new FaultyCache(backend.newCache());
        CacheAside aside = new CacheAside(cache, NEGATIVE_TTL, 0.1);
        CountingLoader<Item> loader = new CountingLoader<>(() -> Optional.of(new Item(5, "five")));

        cache.failReads = true;
        assertThat(aside.get(key(5), TTL, CODEC, loader)).contains(new Item(5, "five"));
        cache.failWrites = true;
        assertThat(aside.get(key(5), TTL, CODEC, loader)).contains(new Item(5, "five"));
        assertThat(aside.get(key(6), TTL, CODEC, Optional::empty)).isEmpty();
        assertThat(loader.calls.get()).isEqualTo(2);

        cache.failReads = false;
        cache.failWrites = false;
        // the first read stored the value while only reads were failing
        assertThat(aside.get(key(5), TTL, CODEC, loader)).contains(new Item(5, "five"));
        assertThat(loader.calls.get()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anUndecodableEntryIsReloadedAndOverwritten(Backend backend) {
        KeyValueCache cache = backend.newCache();
        cache.put(key(3), "{\"id\":\"not a number\"", TTL); // e.g. written by an older version
        CacheAside aside = new CacheAside(cache, NEGATIVE_TTL, 0.1);
        CountingLoader<Item> loader = new CountingLoader<>(() -> Optional.of(new Item(3, "three")));

        assertThat(aside.get(key(3), TTL, CODEC, loader)).contains(new Item(3, "three"));

        assertThat(loader.calls.get()).isEqualTo(1);
        assertThat(CODEC.decode(cache.get(key(3)).orElseThrow())).isEqualTo(new Item(3, "three"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aLoaderFailureReachesEveryWaitingCallerAndIsNotCached(Backend backend) throws Exception {
        KeyValueCache cache = backend.newCache();
        CacheAside aside = new CacheAside(cache, NEGATIVE_TTL, 0.1);
        CountingLoader<Item> failing = new CountingLoader<>(() -> {
            sleep(200);
            throw new IllegalStateException("database down");
        });

        List<String> outcomes = concurrently(5, i -> {
            try {
                aside.get(key(9), TTL, CODEC, failing);
                return "value";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        });

        assertThat(outcomes).containsOnly("database down");
        assertThat(failing.calls.get()).isEqualTo(1);
        assertThat(cache.get(key(9))).isEmpty();
        assertThat(aside.get(key(9), TTL, CODEC, () -> Optional.of(new Item(9, "nine"))))
                .contains(new Item(9, "nine"));
    }

    // --- evict -----------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Backend.class)
    void evictDeletesAndAFailureDoesNotReachTheCaller(Backend backend) {
        FaultyCache cache = new FaultyCache(backend.newCache());
        CacheAside aside = new CacheAside(cache, NEGATIVE_TTL, 0.1);
        CountingLoader<Item> loader = new CountingLoader<>(() -> Optional.of(new Item(1, "one")));
        aside.get(key(1), TTL, CODEC, loader);
        aside.get(key(2), TTL, CODEC, loader);

        aside.evict(List.of(key(1), key(2)));
        aside.evict(List.of());

        assertThat(cache.getAll(List.of(key(1), key(2)))).isEmpty();
        aside.get(key(1), TTL, CODEC, loader);
        assertThat(loader.calls.get()).isEqualTo(3);

        // evictions run after commit: the request succeeded and must not be answered with an error
        // (ResilientCacheFaultIT shows the Redis cache delivering the missed eviction later)
        cache.failDeletes = true;
        aside.evict(key(1));
        assertThat(cache.get(key(1))).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aValueLoadedWhileItsKeyIsEvictedIsNotLeftInTheCache(Backend backend) throws Exception {
        KeyValueCache cache = backend.newCache();
        CacheAside aside = new CacheAside(cache, NEGATIVE_TTL, 0.1);
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch committed = new CountDownLatch(1);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            // the reader reads the row before the writer's commit and stores it after the eviction
            Future<Optional<Item>> read = reader.submit(() -> aside.get(key(1), TTL, CODEC, () -> {
                loading.countDown();
                await(committed);
                return Optional.of(new Item(1, "before the change"));
            }));
            await(loading);
            aside.evict(key(1));
            committed.countDown();

            assertThat(read.get(10, TimeUnit.SECONDS)).contains(new Item(1, "before the change"));
            assertThat(cache.get(key(1))).isEmpty();
            assertThat(aside.get(key(1), TTL, CODEC, () -> Optional.of(new Item(1, "after the change"))))
                    .contains(new Item(1, "after the change"));
        } finally {
            reader.shutdownNow();
        }
    }

    // --- getAll ----------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Backend.class)
    void getAllLoadsTheMissesInOneBatchAndCachesAbsentIds(Backend backend) {
        KeyValueCache cache = backend.newCache();
        CacheAside aside = new CacheAside(cache, NEGATIVE_TTL, 0.1);
        aside.get(key(1), TTL, CODEC, () -> Optional.of(new Item(1, "cached")));
        BatchLoader loader = new BatchLoader(Set.of(1L, 2L, 4L));

        Map<Long, Item> page = aside.getAll(List.of(4L, 1L, 3L, 2L, 4L), this::key, TTL, CODEC, loader);

        assertThat(page)
                .containsExactly(
                        Map.entry(4L, new Item(4, "loaded")),
                        Map.entry(1L, new Item(1, "cached")),
                        Map.entry(2L, new Item(2, "loaded")));
        assertThat(loader.batches).containsExactly(List.of(4L, 3L, 2L));
        assertThat(cache.get(key(3))).contains(CacheAside.ABSENT_MARKER);

        Map<Long, Item> again = aside.getAll(List.of(1L, 2L, 3L, 4L), this::key, TTL, CODEC, loader);

        assertThat(again).containsOnlyKeys(1L, 2L, 4L);
        assertThat(loader.batches).hasSize(1);
        assertThat(aside.getAll(List.<Long>of(), this::key, TTL, CODEC, loader)).isEmpty();
        assertThat(loader.batches).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void concurrentPagesLoadEachIdOnce(Backend backend) throws Exception {
        CacheAside aside = new CacheAside(backend.newCache(), NEGATIVE_TTL, 0.1);
        BatchLoader loader = new BatchLoader(Set.of(1L, 2L, 3L, 4L, 5L), 200);

        List<Map<Long, Item>> pages = concurrently(
                10,
                i -> i % 2 == 0
                        ? aside.getAll(List.of(1L, 2L, 3L, 4L, 5L, 6L), this::key, TTL, CODEC, loader)
                        : aside.getAll(List.of(5L, 4L, 3L), this::key, TTL, CODEC, loader));

        assertThat(loader.loadsPerId)
                .containsOnlyKeys(1L, 2L, 3L, 4L, 5L, 6L)
                .allSatisfy((id, loads) ->
                        assertThat(loads.get()).as("loads of id %d", id).isEqualTo(1));
        for (int i = 0; i < pages.size(); i++) {
            assertThat(pages.get(i).keySet())
                    .containsExactlyElementsOf(i % 2 == 0 ? List.of(1L, 2L, 3L, 4L, 5L) : List.of(5L, 4L, 3L));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void getAllWithAFailingCacheLoadsEverything(Backend backend) {
        FaultyCache cache = new FaultyCache(backend.newCache());
        CacheAside aside = new CacheAside(cache, NEGATIVE_TTL, 0.1);
        aside.get(key(1), TTL, CODEC, () -> Optional.of(new Item(1, "cached")));
        cache.failReads = true;
        cache.failWrites = true;
        BatchLoader loader = new BatchLoader(Set.of(1L, 2L));

        Map<Long, Item> page = aside.getAll(List.of(1L, 2L, 3L), this::key, TTL, CODEC, loader);

        assertThat(page).containsExactly(Map.entry(1L, new Item(1, "loaded")), Map.entry(2L, new Item(2, "loaded")));
        assertThat(loader.batches).containsExactly(List.of(1L, 2L, 3L));
    }

    @Test
    void settingsAreValidated() {
        KeyValueCache cache = new InMemoryCache();
        assertThatThrownBy(() -> new CacheAside(cache, NEGATIVE_TTL, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CacheAside(cache, NEGATIVE_TTL, -0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CacheAside(cache, Duration.ZERO, 0.1))
                .isInstanceOf(IllegalArgumentException.class);
        CacheAside aside = new CacheAside(cache, NEGATIVE_TTL, 0.1);
        assertThatThrownBy(() -> aside.get(key(1), Duration.ZERO, CODEC, Optional::empty))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private List<Long> ttlsMillis(FaultyCache recorder, java.util.function.LongPredicate idFilter) {
        return recorder.putTtls.entrySet().stream()
                .filter(e -> e.getKey().startsWith(namespace))
                .filter(e -> idFilter.test(Long.parseLong(e.getKey().substring(namespace.length()))))
                .map(e -> e.getValue().toMillis())
                .collect(Collectors.toList());
    }

    private static final class CountingLoader<T> implements Supplier<Optional<T>> {
        final AtomicInteger calls = new AtomicInteger();
        private final Supplier<Optional<T>> delegate;

        CountingLoader(Supplier<Optional<T>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<T> get() {
            calls.incrementAndGet();
            return delegate.get();
        }
    }

    /** Finds the ids in {@code existing}; records every batch and how often each id was asked for. */
    private static final class BatchLoader implements Function<Collection<Long>, Map<Long, Item>> {
        final List<List<Long>> batches = new CopyOnWriteArrayList<>();
        final Map<Long, AtomicInteger> loadsPerId = new ConcurrentHashMap<>();
        private final Set<Long> existing;
        private final long delayMillis;

        BatchLoader(Set<Long> existing) {
            this(existing, 0);
        }

        BatchLoader(Set<Long> existing, long delayMillis) {
            this.existing = existing;
            this.delayMillis = delayMillis;
        }

        @Override
        public Map<Long, Item> apply(Collection<Long> ids) {
            batches.add(List.copyOf(ids));
            ids.forEach(id ->
                    loadsPerId.computeIfAbsent(id, x -> new AtomicInteger()).incrementAndGet());
            sleep(delayMillis);
            Map<Long, Item> found = new LinkedHashMap<>();
            for (Long id : ids) {
                if (existing.contains(id)) {
                    found.put(id, new Item(id, "loaded"));
                }
            }
            return found;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
