package io.community.web.limits;

import io.community.common.cache.CacheProperties;
import io.community.common.testing.RedisProcess;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two rate limiters ("instances") on a private redis-server: one bucket between them; with Redis
 * killed each counts on its own, and no decision waits for Redis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientRateLimiterRedisTest {
    private RedisProcess redis;

    @BeforeAll
    void startRedis() {
        redis = RedisProcess.start();
    }

    @AfterAll
    void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private static RateLimitProperties writesPerHour(long capacity) {
        RateLimitProperties p = new RateLimitProperties();
        p.setEnabled(true);
        p.setWriteCapacity(capacity);
        p.setWritePeriod(Duration.ofHours(1));
        p.setKeyPrefix("limits-test:" + UUID.randomUUID() + ":");
        return p;
    }

    private ClientRateLimiter instance(RateLimitProperties settings, SimpleMeterRegistry registry) {
        CacheProperties cache = new CacheProperties();
        cache.setBreakerOpenWait(Duration.ofSeconds(30)); // stays open for the rest of the test
        cache.setTimeout(Duration.ofSeconds(1)); // a cold test JVM on a busy machine, not the production bound
        ClientRateLimiter limiter = new ClientRateLimiter(settings, cache, redis.uri(), registry);
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!limiter.shared() && System.nanoTime() < end) {
            sleep(20);
        }
        assertThat(limiter.shared()).as("connected to Redis").isTrue();
        return limiter;
    }

    @Test
    void twoInstancesShareOneBucketThroughRedisAndFallBackToTheirOwnWhileRedisIsDown() {
        RateLimitProperties settings = writesPerHour(4);
        SimpleMeterRegistry registryA = new SimpleMeterRegistry();
        try (ClientRateLimiter a = instance(settings, registryA);
                ClientRateLimiter b = instance(settings, new SimpleMeterRegistry())) {
            assertThat(a.tryConsume(RouteGroup.WRITE, "user:7")).isEmpty();
            assertThat(b.tryConsume(RouteGroup.WRITE, "user:7")).isEmpty();
            assertThat(a.tryConsume(RouteGroup.WRITE, "user:7")).isEmpty();
            assertThat(b.tryConsume(RouteGroup.WRITE, "user:7")).isEmpty();
            // four taken across both instances: the bucket is empty for both
            assertThat(a.tryConsume(RouteGroup.WRITE, "user:7")).isPresent();
            assertThat(b.tryConsume(RouteGroup.WRITE, "user:7"))
                    .hasValueSatisfying(
                            wait -> assertThat(wait).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15)));
            // another client has its own bucket
            assertThat(b.tryConsume(RouteGroup.WRITE, "user:8")).isEmpty();
            assertThat(registryA
                            .get("community.rate.limits.local.fallbacks")
                            .counter()
                            .count())
                    .isZero();

            redis.kill();
            long start = System.nanoTime();
            int allowed = 0;
            for (int i = 0; i < 10; i++) {
                if (a.tryConsume(RouteGroup.WRITE, "user:9").isEmpty()) {
                    allowed++;
                }
            }
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            // the local bucket applies: four, then refused
            assertThat(allowed).isEqualTo(4);
            assertThat(registryA
                            .get("community.rate.limits.local.fallbacks")
                            .counter()
                            .count())
                    .isEqualTo(10);
            assertThat(a.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
            // ten decisions without Redis, none waiting for it beyond the command bound
            assertThat(tookMillis).as("10 decisions with Redis down").isLessThan(10 * 1000 + 2000);
        }
    }

    @Test
    void withoutRedisOnlyLocalBucketsExist() {
        RateLimitProperties settings = writesPerHour(2);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ClientRateLimiter local = new ClientRateLimiter(settings, new CacheProperties(), null, registry)) {
            assertThat(local.tryConsume(RouteGroup.WRITE, "addr:192.0.2.1")).isEmpty();
            assertThat(local.tryConsume(RouteGroup.WRITE, "addr:192.0.2.1")).isEmpty();
            assertThat(local.tryConsume(RouteGroup.WRITE, "addr:192.0.2.1")).isPresent();
            assertThat(local.tryConsume(RouteGroup.READ, "addr:192.0.2.1")).isEmpty(); // read: default 600/min
            assertThat(registry.get("community.rate.limits.rejected")
                            .tag("group", "write")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("community.rate.limits.local.fallbacks")
                            .counter()
                            .count())
                    .isZero();
        }
    }

    @Test
    void reconfigureStartsFreshBucketsWithTheNewValues() {
        RateLimitProperties settings = writesPerHour(1);
        try (ClientRateLimiter limiter =
                new ClientRateLimiter(settings, new CacheProperties(), null, new SimpleMeterRegistry())) {
            assertThat(limiter.tryConsume(RouteGroup.WRITE, "user:1")).isEmpty();
            assertThat(limiter.tryConsume(RouteGroup.WRITE, "user:1")).isPresent();
            RateLimitProperties more = writesPerHour(3);
            limiter.reconfigure(more);
            assertThat(limiter.tryConsume(RouteGroup.WRITE, "user:1")).isEmpty();
            more.setEnabled(false);
            limiter.reconfigure(more);
            for (int i = 0; i < 10; i++) {
                assertThat(limiter.tryConsume(RouteGroup.WRITE, "user:1")).isEmpty();
            }
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
}
