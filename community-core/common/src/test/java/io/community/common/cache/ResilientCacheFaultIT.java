package io.community.common.cache;

import io.community.common.testing.RedisProcess;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ResilientCache} over a private redis-server that the test freezes (SIGSTOP), thaws
 * (SIGCONT) and kills (SIGKILL): bounded calls, the breaker, fallback reads, skipped population,
 * and a missed eviction delivered before anything stale can be read.
 */
@Timeout(60)
class ResilientCacheFaultIT {
    private static final Duration TIMEOUT = Duration.ofMillis(100);
    /** Scheduling slack on a busy 2-core machine; the bound itself is TIMEOUT. */
    private static final long SLACK_MS = 250;

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final CacheCodec<String> CODEC = new CacheCodec<>() {
        @Override
        public String encode(String value) {
            return "\"" + value + "\"";
        }

        @Override
        public String decode(String text) {
            return text.substring(1, text.length() - 1);
        }
    };

    private RedisProcess redis;
    private CacheProperties properties;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private ResilientCache cache;
    private CacheAside aside;

    @BeforeEach
    void start() {
        redis = RedisProcess.start();
        properties = new CacheProperties();
        properties.setTimeout(TIMEOUT);
        properties.setConnectTimeout(Duration.ofMillis(300));
        properties.setBreakerWindow(10);
        properties.setBreakerMinimumCalls(5);
        properties.setBreakerOpenWait(Duration.ofSeconds(1));
        client = CacheFactory.redisClient(redis.uri(), properties);
        connection = CacheFactory.connect(client, properties);
        cache = new ResilientCache(new RedisCache(connection, "t:"), ResilientCache.breakers(properties), 1000, null);
        aside = new CacheAside(cache, Duration.ofSeconds(30), 0);
    }

    @AfterEach
    void stop() {
        if (cache != null) {
            cache.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            CacheFactory.shutdown(client);
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aFrozenRedisCostsAtMostTheTimeoutPerCallUntilTheBreakerOpensAndNothingAfter() {
        AtomicInteger database = new AtomicInteger();
        assertThat(aside.get("user:1", TTL, CODEC, () -> Optional.of("v1"))).contains("v1");

        redis.freeze();
        long frozenAt = System.nanoTime();
        int calls = 0;
        while (cache.breaker().getState() != CircuitBreaker.State.OPEN) {
            long started = System.nanoTime();
            Optional<String> read = aside.get("user:1", TTL, CODEC, () -> {
                database.incrementAndGet();
                return Optional.of("v2");
            });
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(read).as("a read falls back to the database").contains("v2");
            // a miss is a read and a write to the cache: two bounded calls at most
            assertThat(tookMs).as("call %d took", calls).isLessThan(2 * TIMEOUT.toMillis() + SLACK_MS);
            calls++;
            assertThat(calls)
                    .as("the breaker opens after a handful of failures")
                    .isLessThan(20);
        }
        long openAfterMs = (System.nanoTime() - frozenAt) / 1_000_000;
        assertThat(openAfterMs).as("breaker open after (ms)").isLessThan(3_000);

        // open: no call waits for Redis any more
        long started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(aside.get("user:1", TTL, CODEC, () -> Optional.of("v2"))).contains("v2");
        }
        assertThat((System.nanoTime() - started) / 1_000_000)
                .as("100 reads while open (ms)")
                .isLessThan(500);
        assertThatThrownBy(() -> cache.get("user:1")).isInstanceOf(CacheUnavailableException.class);
        System.out.printf("frozen Redis: breaker open after %d ms and %d calls%n", openAfterMs, calls);
    }

    @Test
    void anEvictionMissedDuringTheOutageIsDeliveredBeforeAnythingIsReadAgain() {
        assertThat(aside.get("user:1", TTL, CODEC, () -> Optional.of("old"))).contains("old");
        redis.freeze();
        openBreaker();

        // the database changed and committed; the eviction cannot be delivered
        aside.evict(List.of("user:1"));
        assertThat(cache.pendingEvictions()).isEqualTo(1);
        // population is skipped while open
        assertThat(aside.get("user:2", TTL, CODEC, () -> Optional.of("two"))).contains("two");

        redis.thaw();
        // The stale entry is still in Redis right after the thaw, but no read through this cache
        // ever returns it: every read is the new value, until the cache is fully back.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (cache.breaker().getState() != CircuitBreaker.State.CLOSED || cache.pendingEvictions() > 0) {
            assertThat(aside.get("user:1", TTL, CODEC, () -> Optional.of("new")))
                    .contains("new");
            assertThat(System.nanoTime()).as("cache back within 10 s").isLessThan(deadline);
            sleep(50);
        }
        assertThat(aside.get("user:1", TTL, CODEC, () -> Optional.of("new"))).contains("new");
        assertThat(raw("t:user:1")).isIn(null, "\"new\"");
        assertThat(raw("t:user:2")).as("nothing was stored while open").isNull();
        // and the cache works again: this read is a hit
        assertThat(aside.get("user:1", TTL, CODEC, () -> Optional.of("newer"))).contains("new");
    }

    @Test
    void aMissedEvictionIsRetriedInTheBackgroundWithoutAnyFurtherCall() {
        cache.put("user:3", "\"stale\"", TTL);
        redis.freeze();
        openBreaker();
        aside.evict("user:3");
        redis.thaw();
        // other instances read Redis directly: the entry must go without this instance doing anything
        awaitTrue(() -> raw("t:user:3") == null, Duration.ofSeconds(6));
        assertThat(cache.pendingEvictions()).isZero();
    }

    @Test
    void aKilledRedisFailsFastAndARestartedEmptyOneIsUsedAgain() {
        cache.put("k", "v", TTL);
        redis.kill();
        for (int i = 0; i < 10; i++) {
            long started = System.nanoTime();
            assertThat(aside.get("k", TTL, CODEC, () -> Optional.of("db"))).contains("db");
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2 * TIMEOUT.toMillis() + SLACK_MS);
        }
        assertThat(cache.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        redis.restart();
        long restartedAt = System.nanoTime();
        awaitTrue(
                () -> {
                    try {
                        cache.put("k2", "v2", TTL);
                        return cache.get("k2").isPresent();
                    } catch (CacheUnavailableException e) {
                        return false;
                    }
                },
                Duration.ofSeconds(15));
        System.out.printf(
                "killed Redis: cache usable again %d ms after the restart%n",
                (System.nanoTime() - restartedAt) / 1_000_000);
        assertThat(cache.get("k")).as("the restarted Redis is empty").isEmpty();
    }

    /** What Redis holds under the full key, read on a connection of its own. */
    private String raw(String key) {
        RedisClient rawClient = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> raw = rawClient.connect()) {
            return raw.sync().get(key);
        } finally {
            rawClient.shutdown();
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

    @Test
    void aProcessStartsWhileRedisIsDownAndUsesRedisOnceItAnswers() {
        redis.kill();
        long started = System.nanoTime();
        try (ResilientCache late =
                new CacheFactory().redisCache(redis.uri(), properties, ResilientCache.breakers(properties))) {
            assertThat((System.nanoTime() - started) / 1_000_000)
                    .as("start without Redis (ms)")
                    .isLessThan(3_000);
            CacheAside lateAside = new CacheAside(late, Duration.ofSeconds(30), 0);
            for (int i = 0; i < 10; i++) {
                long call = System.nanoTime();
                assertThat(lateAside.get("k", TTL, CODEC, () -> Optional.of("db")))
                        .contains("db");
                assertThat((System.nanoTime() - call) / 1_000_000).isLessThan(2 * TIMEOUT.toMillis() + SLACK_MS);
            }

            redis.restart();
            awaitTrue(
                    () -> {
                        try {
                            late.put("k", "\"redis\"", TTL);
                            return late.get("k").isPresent();
                        } catch (CacheUnavailableException e) {
                            return false;
                        }
                    },
                    Duration.ofSeconds(15));
            assertThat(lateAside.get("k", TTL, CODEC, () -> Optional.of("db"))).contains("redis");
        }
    }

    private void openBreaker() {
        for (int i = 0; i < 30 && cache.breaker().getState() != CircuitBreaker.State.OPEN; i++) {
            try {
                cache.get("probe");
            } catch (CacheUnavailableException expected) {
                // counted by the breaker
            }
        }
        assertThat(cache.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    private static void awaitTrue(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + limit).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
