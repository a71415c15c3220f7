package io.community.cluster.gateway.session;

import io.community.cluster.grpc.RevocationSubscriber;
import io.community.common.cache.CacheProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * The gateway's session cache, live only with revocation events: with {@code redis.uri} (the same
 * Redis and {@code community.cache.key-prefix} as the user service) and the cache enabled. Without
 * them every request checks its session with the user service.
 */
@Factory
public class SessionCacheFactory {
    /** The subscription's name in Redis's CLIENT LIST. */
    static final String CLIENT_NAME = "community-gateway-session-events";

    private static final Logger LOG = LoggerFactory.getLogger(SessionCacheFactory.class);

    @Singleton
    SessionCache sessionCache(
            SessionCacheProperties properties,
            @Nullable MeterRegistry meters,
            @Nullable @Property(name = "redis.uri") String redisUri) {
        if (!properties.enabled() || redisUri == null || redisUri.isBlank()) {
            LOG.info(
                    "Session cache: off ({}); every request checks its session with the user service",
                    properties.enabled() ? "no redis.uri to hear revocation events on" : "disabled");
            return SessionCache.off(meters);
        }
        return new SessionCache(Clock.systemUTC(), properties.maxAge(), properties.maxSize(), meters);
    }

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = "redis.uri")
    @Requires(property = "community.gateway.session-cache.enabled", notEquals = "false")
    RevocationSubscriber sessionEvents(
            SessionCache cache,
            SessionCacheProperties properties,
            CacheProperties redis,
            @Property(name = "redis.uri") String redisUri) {
        return RevocationSubscriber.started(
                cache, "Session cache", CLIENT_NAME, redisUri, redis, properties.heartbeat());
    }
}
