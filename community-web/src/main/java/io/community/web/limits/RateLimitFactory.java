package io.community.web.limits;

import io.community.common.cache.CacheProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/** The per-client rate limiter, shared through Redis when {@code redis.uri} is set. */
@Factory
public class RateLimitFactory {

    @Singleton
    @Bean(preDestroy = "close")
    ClientRateLimiter clientRateLimiter(
            RateLimitProperties properties,
            CacheProperties cache,
            @Nullable @Value("${redis.uri:}") String redisUri,
            MeterRegistry registry) {
        return new ClientRateLimiter(properties, cache, redisUri, registry);
    }
}
