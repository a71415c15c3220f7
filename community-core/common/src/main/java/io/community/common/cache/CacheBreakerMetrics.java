package io.community.common.cache;

import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;

/**
 * Publishes the cache breaker's state and call counts as {@code resilience4j_circuitbreaker_*}
 * metrics (tag {@code name="cache"}), where the runtime has a meter registry and Redis is used.
 */
@Context
@Requires(classes = MeterRegistry.class)
@Requires(beans = {MeterRegistry.class, ResilientCache.class})
public class CacheBreakerMetrics {

    public CacheBreakerMetrics(ResilientCache cache, MeterRegistry registry) {
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(cache.breakers()).bindTo(registry);
    }
}
