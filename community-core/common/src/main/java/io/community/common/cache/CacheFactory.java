package io.community.common.cache;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Chooses the {@link KeyValueCache}: Redis when {@code redis.uri} is set, otherwise in-process.
 *
 * <p>The choice is made on the property, not on the presence of a connection bean, because
 * micronaut-redis-lettuce creates its default connection (to localhost:6379) as soon as any
 * {@code redis.*} property exists, even without {@code redis.uri}.
 *
 * <p>The Redis cache has a client and connection of its own rather than micronaut-redis-lettuce's
 * shared one, because it needs options that must not leak into other users of that connection
 * (the health check): every command bounded by {@code community.cache.timeout}, a short connect
 * timeout, and commands rejected at once while the connection is down instead of being queued.
 * It sits behind {@link ResilientCache} (circuit breaker, missed evictions kept and retried).
 */
@Factory
public class CacheFactory {
    static final String CACHE_BREAKERS = "cache";
    private static final Logger LOG = LoggerFactory.getLogger(CacheFactory.class);

    /**
     * The cache's breaker registry as a bean of its own, so its metrics do not depend on the cache
     * bean's type (tracing may wrap the cache). Named: the gateway has a registry of its own.
     */
    @Singleton
    @Named(CACHE_BREAKERS)
    @Requires(property = "redis.uri")
    CircuitBreakerRegistry cacheBreakers(CacheProperties properties) {
        return ResilientCache.breakers(properties);
    }

    @Singleton
    @Requires(property = "redis.uri")
    @Bean(preDestroy = "close")
    ResilientCache redisCache(
            @Property(name = "redis.uri") String uri,
            CacheProperties properties,
            @Named(CACHE_BREAKERS) CircuitBreakerRegistry breakers) {
        RedisClient client = redisClient(uri, properties);
        LazyRedisCache redis = new LazyRedisCache(
                client, redisUri(uri, properties), properties.getKeyPrefix(), properties.getTimeout());
        // not the URI: it may carry a password
        LOG.info(
                "Cache: Redis (redis.uri), key prefix '{}', command timeout {}, circuit breaker after {} % failures",
                properties.getKeyPrefix(), properties.getTimeout(), properties.getBreakerFailureRate());
        if (!redis.connect(properties.getConnectTimeout())) {
            // start anyway: every read has the database behind it; the cache joins once Redis answers
            LOG.warn("Cache: Redis is not reachable at start; serving without it until it answers");
        }
        return new ResilientCache(redis, breakers, properties.getMaxPendingEvictions(), () -> {
            redis.close();
            shutdown(client);
        });
    }

    /**
     * A Lettuce client whose commands never wait longer than the cache's timeout (public: the
     * HTTP adapter's shared rate-limit buckets use a client of the same kind).
     */
    public static RedisClient redisClient(String uri, CacheProperties properties) {
        RedisURI redisUri = redisUri(uri, properties);
        // reconnect attempts at most a second apart (Lettuce's default backs off to 30 s), so the
        // cache is back within about a second of Redis
        ClientResources resources = ClientResources.builder()
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisClient client = RedisClient.create(resources, redisUri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(properties.getConnectTimeout())
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(properties.getTimeout()))
                // while reconnecting, fail at once rather than queue commands until they time out
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .autoReconnect(true)
                .build());
        return client;
    }

    /**
     * The URI with its timeout set to the connect timeout: it bounds the handshake (HELLO, AUTH,
     * SELECT) on every (re)connect; commands get the shorter command timeout (the client's
     * TimeoutOptions and the connection's own timeout).
     */
    public static RedisURI redisUri(String uri, CacheProperties properties) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(properties.getConnectTimeout());
        return redisUri;
    }

    /** A connection whose synchronous commands wait at most {@code community.cache.timeout}. */
    static StatefulRedisConnection<String, String> connect(RedisClient client, CacheProperties properties) {
        StatefulRedisConnection<String, String> connection = client.connect();
        connection.setTimeout(properties.getTimeout());
        return connection;
    }

    /** Shuts down the client and the resources it was created with (they are its own). */
    public static void shutdown(RedisClient client) {
        client.shutdown();
        client.getResources().shutdown();
    }

    @Singleton
    @Requires(missingProperty = "redis.uri")
    KeyValueCache inMemoryCache(Environment environment) {
        if (environment.containsProperty("redis.uris")) {
            LOG.warn("redis.uris (Redis Cluster) is not supported by the cache; set redis.uri."
                    + " Falling back to the in-process cache, which instances do not share.");
        }
        LOG.info(
                "Cache: in-process (redis.uri is not set); entries are neither shared between instances nor kept across restarts");
        return new InMemoryCache();
    }
}
