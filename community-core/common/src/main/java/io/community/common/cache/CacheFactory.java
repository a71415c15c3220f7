package io.community.common.cache;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link KeyValueCache}: Redis when {@code redis.uri} is set, otherwise in-process.
 *
 * <p>The choice is made on the property, not on the presence of a connection bean, because
 * micronaut-redis-lettuce creates its default connection (to localhost:6379) as soon as any
 * {@code redis.*} property exists, even without {@code redis.uri}.
 */
@Factory
public class CacheFactory {
    private static final Logger LOG = LoggerFactory.getLogger(CacheFactory.class);

    @Singleton
    @Requires(property = "redis.uri")
    KeyValueCache redisCache(StatefulRedisConnection<String, String> connection, CacheProperties properties) {
        // not the URI: it may carry a password
        LOG.info("Cache: Redis (redis.uri), key prefix '{}'", properties.getKeyPrefix());
        return new RedisCache(connection, properties.getKeyPrefix());
    }

    @Singleton
    @Requires(missingProperty = "redis.uri")
    KeyValueCache inMemoryCache(Environment environment) {
        if (environment.containsProperty("redis.uris")) {
            LOG.warn("redis.uris (Redis Cluster) is not supported by the cache; set redis.uri."
                    + " Falling back to the in-process cache, which instances do not share.");
        }
        LOG.info("Cache: in-process (redis.uri is not set); entries are neither shared between instances nor kept across restarts");
        return new InMemoryCache();
    }
}
