package io.community.common.cache;

import io.community.common.testing.TestRedis;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RedisCacheIT extends KeyValueCacheContract {
    private static TestRedis redis;
    private static StatefulRedisConnection<String, String> connection;
    private static RedisCommands<String, String> raw;
    private static String prefix;

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

    @Override
    protected KeyValueCache newCache() {
        return new RedisCache(connection, prefix);
    }

    @Test
    void keysLiveUnderThePrefix() {
        cache.put(key("p"), "v", LONG);

        assertThat(raw.get(prefix + key("p"))).isEqualTo("v");
        assertThat(raw.get(key("p"))).isNull();
        assertThat(new RedisCache(connection, prefix + "other:").get(key("p"))).isEmpty();
    }

    @Test
    void ttlsReachRedisInMilliseconds() {
        cache.put(key("put"), "v", Duration.ofSeconds(10));
        cache.putIfAbsent(key("nx"), "v", Duration.ofSeconds(20));
        cache.increment(key("n"), Duration.ofSeconds(30));
        cache.put(key("sub-ms"), "v", Duration.ofNanos(1)); // rounds up instead of failing with PX 0

        assertThat(raw.pttl(prefix + key("put"))).isBetween(9_000L, 10_000L);
        assertThat(raw.pttl(prefix + key("nx"))).isBetween(19_000L, 20_000L);
        assertThat(raw.pttl(prefix + key("n"))).isBetween(29_000L, 30_000L);
    }

    @Test
    void incrementGivesAForeignKeyWithoutTtlOne() {
        raw.set(prefix + key("foreign"), "5"); // e.g. left behind by an older version

        assertThat(cache.increment(key("foreign"), Duration.ofSeconds(30))).isEqualTo(6);
        assertThat(raw.pttl(prefix + key("foreign"))).isBetween(29_000L, 30_000L);
    }

    @Test
    void incrementWorksWhenRedisDoesNotKnowTheScriptYet() {
        // a variant no Redis has seen, instead of SCRIPT FLUSH, which would disturb others sharing this Redis
        String script = RedisCache.INCREMENT_SCRIPT + "-- " + UUID.randomUUID() + "\n";
        String sha = connection.sync().digest(script);
        assertThat(raw.scriptExists(sha)).containsExactly(false);

        KeyValueCache fresh = new RedisCache(connection, prefix, script);
        assertThat(fresh.increment(key("c"), LONG)).isEqualTo(1);
        assertThat(fresh.increment(key("c"), LONG)).isEqualTo(2);
        assertThat(raw.scriptExists(sha)).containsExactly(true);
    }
}
