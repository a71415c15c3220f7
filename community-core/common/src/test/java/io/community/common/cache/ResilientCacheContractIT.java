package io.community.common.cache;

import io.community.common.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The decorator is transparent while Redis is healthy: the same contract as the plain caches. */
class ResilientCacheContractIT extends KeyValueCacheContract {
    private static TestRedis redis;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static final java.util.List<ResilientCache> created = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void connect() {
        redis = TestRedis.open();
        CacheProperties properties = new CacheProperties();
        properties.setTimeout(java.time.Duration.ofSeconds(2)); // a busy build machine, not a fault test
        client = CacheFactory.redisClient(io.community.common.testing.TestServices.redisUri(), properties);
        connection = CacheFactory.connect(client, properties);
    }

    @AfterAll
    static void disconnect() {
        created.forEach(ResilientCache::close); // their retry threads; the connection is closed below
        if (connection != null) {
            connection.close();
            CacheFactory.shutdown(client);
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected KeyValueCache newCache() {
        ResilientCache cache = new ResilientCache(
                new RedisCache(connection, redis.prefix()), ResilientCache.breakers(new CacheProperties()), 1000, null);
        created.add(cache);
        return cache;
    }
}
