package io.community.common.cache;

import io.community.common.testing.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CacheFactoryIT {

    @Test
    void withoutRedisUriTheCacheIsInProcess() {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertThat(context.getBean(KeyValueCache.class)).isInstanceOf(InMemoryCache.class);
            assertThat(context.getBean(CacheAside.class)).isNotNull();
            CacheProperties properties = context.getBean(CacheProperties.class);
            assertThat(properties.getKeyPrefix()).isEqualTo("community:");
            assertThat(properties.getNegativeTtl()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.getJitter()).isEqualTo(0.1);
        }
    }

    @Test
    void otherRedisSettingsWithoutUriDoNotSelectRedis() {
        // micronaut-redis-lettuce would connect to localhost:6379 for any redis.* property
        try (ApplicationContext context = ApplicationContext.run(Map.of("redis.io-thread-pool-size", 1))) {
            assertThat(context.getBean(KeyValueCache.class)).isInstanceOf(InMemoryCache.class);
        }
    }

    @Test
    void withRedisUriTheCacheIsRedisUnderTheConfiguredPrefix() {
        String prefix = "community-test:" + UUID.randomUUID() + ":";
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "redis.uri",
                TestServices.redisUri(),
                "community.cache.key-prefix",
                prefix,
                "community.cache.negative-ttl",
                "5s",
                "community.cache.jitter",
                "0.2"))) {
            KeyValueCache cache = context.getBean(KeyValueCache.class);
            // Redis behind the breaker and the command timeout
            assertThat(cache).isInstanceOf(ResilientCache.class);
            assertThat(context.getBean(CacheProperties.class).getTimeout()).isEqualTo(Duration.ofMillis(100));
            assertThat(context.getBean(CacheProperties.class).getNegativeTtl()).isEqualTo(Duration.ofSeconds(5));
            assertThat(context.getBean(CacheProperties.class).getJitter()).isEqualTo(0.2);

            cache.put("k", "v", Duration.ofSeconds(30));

            RedisClient client = RedisClient.create(TestServices.redisUri());
            try (StatefulRedisConnection<String, String> raw = client.connect()) {
                assertThat(raw.sync().get(prefix + "k")).isEqualTo("v");
                raw.sync().del(prefix + "k");
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void theRedisBreakerIsPublishedAsAMetricWhereThereIsAMeterRegistry() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of(
                        "redis.uri",
                        TestServices.redisUri(),
                        "community.cache.key-prefix",
                        "community-test:" + UUID.randomUUID() + ":"))
                .singletons(meters)
                .start()) {
            assertThat(context.getBean(KeyValueCache.class)).isInstanceOf(ResilientCache.class);
            assertThat(meters.find("resilience4j.circuitbreaker.state")
                            .tag("name", "cache")
                            .tag("state", "closed")
                            .gauge())
                    .isNotNull()
                    .satisfies(g -> assertThat(g.value()).isEqualTo(1.0));
        }
    }
}
