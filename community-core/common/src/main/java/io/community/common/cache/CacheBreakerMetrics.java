package io.community.common.cache;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;

/**
 * Publishes the cache breaker's state and call counts as {@code resilience4j_circuitbreaker_*}
 * metrics (tag {@code name="cache"}), where the runtime has a meter registry and Redis is used.
 */
@Context
@Requires(classes = MeterRegistry.class)
@Requires(beans = MeterRegistry.class)
@Requires(property = "redis.uri")
public class CacheBreakerMetrics {

    // the registry, not the cache bean: tracing may wrap the cache in a TracedCache
    public CacheBreakerMetrics(
            @Named(CacheFactory.CACHE_BREAKERS) CircuitBreakerRegistry breakers, MeterRegistry registry) {
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
    }
}
