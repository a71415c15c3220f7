package io.community.common.cache;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link KeyValueCache} must have. Subclasses supply the implementation;
 * TTLs are a few hundred milliseconds so the suite stays fast.
 */
public abstract class KeyValueCacheContract {
    protected static final Duration LONG = Duration.ofMinutes(5);
    protected static final Duration SHORT = Duration.ofMillis(300);
    /** Comfortably past SHORT, for a machine that is busy with parallel builds. */
    protected static final long AFTER_SHORT_MS = 550;

    protected KeyValueCache cache;
    private String namespace;

    protected abstract KeyValueCache newCache();

    @BeforeEach
    void createCache() {
        cache = newCache();
        namespace = "contract:" + UUID.randomUUID() + ":";
    }

    /** Keys unique per test, so that tests sharing one store never see each other's entries. */
    protected String key(String name) {
        return namespace + name;
    }

    @Test
    void getReturnsWhatPutStoredAndPutReplaces() {
        assertThat(cache.get(key("a"))).isEmpty();

        cache.put(key("a"), "one", LONG);
        assertThat(cache.get(key("a"))).contains("one");

        cache.put(key("a"), "two", LONG);
        assertThat(cache.get(key("a"))).contains("two");
        assertThat(cache.get(key("b"))).isEmpty();
    }

    @Test
    void entriesExpireAfterTheirTtl() throws InterruptedException {
        cache.put(key("short"), "v", SHORT);
        cache.put(key("long"), "v", LONG);
        cache.put(key("shortened"), "v", LONG);
        cache.put(key("shortened"), "v2", SHORT); // a put replaces the TTL too
        cache.putIfAbsent(key("absent-put"), "v", SHORT);
        assertThat(cache.get(key("short"))).contains("v");

        Thread.sleep(AFTER_SHORT_MS);

        assertThat(cache.get(key("short"))).isEmpty();
        assertThat(cache.get(key("shortened"))).isEmpty();
        assertThat(cache.get(key("absent-put"))).isEmpty();
        assertThat(cache.get(key("long"))).contains("v");
        assertThat(cache.getAll(List.of(key("short"), key("long")))).containsOnlyKeys(key("long"));
        // an expired entry is gone for every operation, not only for get
        assertThat(cache.delete(key("short"))).isFalse();
        assertThat(cache.putIfAbsent(key("shortened"), "new", LONG)).isTrue();
        assertThat(cache.get(key("shortened"))).contains("new");
        assertThat(cache.increment(key("absent-put"), LONG)).isEqualTo(1);
    }

    @Test
    void putIfAbsentStoresOnlyWhenAbsent() {
        assertThat(cache.putIfAbsent(key("k"), "first", LONG)).isTrue();
        assertThat(cache.putIfAbsent(key("k"), "second", LONG)).isFalse();
        assertThat(cache.get(key("k"))).contains("first");
    }

    @Test
    void putIfAbsentHasExactlyOneWinnerUnderConcurrency() throws Exception {
        List<Boolean> results = concurrently(20, i -> cache.putIfAbsent(key("race"), "caller-" + i, LONG));

        assertThat(results).containsOnlyOnce(true);
        int winner = results.indexOf(true);
        assertThat(cache.get(key("race"))).contains("caller-" + winner);
    }

    @Test
    void incrementCountsFromZeroAndGivesANewKeyItsTtl() throws InterruptedException {
        assertThat(cache.increment(key("n"), SHORT)).isEqualTo(1);
        assertThat(cache.increment(key("n"), SHORT)).isEqualTo(2);
        assertThat(cache.get(key("n"))).contains("2");

        Thread.sleep(AFTER_SHORT_MS);

        assertThat(cache.get(key("n"))).isEmpty();
        assertThat(cache.increment(key("n"), LONG)).isEqualTo(1);
    }

    @Test
    void incrementKeepsTheTtlOfAnExistingKey() throws InterruptedException {
        Duration ttl = Duration.ofMillis(500);
        assertThat(cache.increment(key("counter"), ttl)).isEqualTo(1);
        cache.put(key("put-41"), "41", ttl);
        cache.put(key("put-0"), "0", ttl); // becomes 1: a "result == 1 means new" shortcut would reset its TTL
        Thread.sleep(150);

        assertThat(cache.increment(key("counter"), LONG)).isEqualTo(2);
        assertThat(cache.increment(key("put-41"), LONG)).isEqualTo(42);
        assertThat(cache.increment(key("put-0"), LONG)).isEqualTo(1);
        Thread.sleep(400); // past the original 500 ms, before a TTL restarted at 150 ms would end

        assertThat(cache.get(key("counter"))).isEmpty();
        assertThat(cache.get(key("put-41"))).isEmpty();
        assertThat(cache.get(key("put-0"))).isEmpty();
    }

    @Test
    void concurrentIncrementsAreNotLost() throws Exception {
        List<Long> results = concurrently(50, i -> cache.increment(key("hits"), LONG));

        assertThat(results)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 50).boxed().collect(Collectors.toList()));
        assertThat(cache.get(key("hits"))).contains("50");
    }

    @Test
    void incrementOfANonNumberFailsAndLeavesTheValue() {
        cache.put(key("text"), "abc", LONG);

        assertThatThrownBy(() -> cache.increment(key("text"), LONG)).isInstanceOf(RuntimeException.class);
        assertThat(cache.get(key("text"))).contains("abc");
    }

    @Test
    void deleteReportsWhetherItRemovedSomething() {
        assertThat(cache.delete(key("none"))).isFalse();
        cache.put(key("x"), "v", LONG);

        assertThat(cache.delete(key("x"))).isTrue();
        assertThat(cache.get(key("x"))).isEmpty();
        assertThat(cache.delete(key("x"))).isFalse();
    }

    @Test
    void deleteHasExactlyOneWinnerUnderConcurrency() throws Exception {
        cache.put(key("once"), "v", LONG);

        List<Boolean> results = concurrently(20, i -> cache.delete(key("once")));

        assertThat(results).containsOnlyOnce(true);
        assertThat(cache.get(key("once"))).isEmpty();
    }

    @Test
    void getAllReturnsOnlyPresentKeys() {
        cache.put(key("a"), "1", LONG);
        cache.put(key("b"), "2", LONG);

        Map<String, String> values = cache.getAll(List.of(key("a"), key("missing"), key("b"), key("a")));

        assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of(key("a"), "1", key("b"), "2"));
        assertThat(cache.getAll(List.of())).isEmpty();
        assertThat(cache.getAll(List.of(key("missing")))).isEmpty();
    }

    @Test
    void deleteAllRemovesTheGivenKeysOnly() {
        cache.put(key("a"), "1", LONG);
        cache.put(key("b"), "2", LONG);
        cache.put(key("c"), "3", LONG);

        cache.deleteAll(List.of(key("a"), key("b"), key("missing")));
        cache.deleteAll(List.of());

        assertThat(cache.getAll(List.of(key("a"), key("b"), key("c")))).containsOnlyKeys(key("c"));
    }

    @Test
    void fourByteUtf8RoundTrips() {
        String value = "emoji 😀🎉 clef 𝄞 中文 é \"quoted\" \\ {json}";
        String unicodeKey = key("名前-😀");
        cache.put(unicodeKey, value, LONG);
        cache.put(key("plain"), value, LONG);

        assertThat(cache.get(unicodeKey)).contains(value);
        assertThat(cache.getAll(List.of(unicodeKey, key("plain"))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(unicodeKey, value, key("plain"), value));
        assertThat(cache.delete(unicodeKey)).isTrue();
    }

    @Test
    void ttlsMustBePositive() {
        for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(-1))) {
            assertThatThrownBy(() -> cache.put(key("t"), "v", bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cache.putIfAbsent(key("t"), "v", bad))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cache.increment(key("t"), bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(cache.get(key("t"))).isEmpty();
    }

    /** Runs {@code task(i)} for i in [0, threads) on as many threads, started together. */
    protected static <R> List<R> concurrently(int threads, IndexedTask<R> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<R>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<R> call = () -> {
                    ready.countDown();
                    go.await();
                    return task.run(index);
                };
                futures.add(pool.submit(call));
            }
            ready.await(10, TimeUnit.SECONDS);
            go.countDown();
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return Collections.unmodifiableList(results);
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    protected interface IndexedTask<R> {
        R run(int index) throws Exception;
    }
}
