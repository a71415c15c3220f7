package io.community.monitoring;

import io.community.common.cache.CacheMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code cache.gets{cache, result=hit|miss}} (Prometheus: {@code cache_gets_total}), the name and tags
 * Micrometer's own cache binders use, so the usual hit-ratio queries work.
 */
@Singleton
@Requires(beans = MeterRegistry.class)
public class MicrometerCacheMetrics implements CacheMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public MicrometerCacheMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void hits(String cache, int count) {
        count(cache, "hit", count);
    }

    @Override
    public void misses(String cache, int count) {
        count(cache, "miss", count);
    }

    private void count(String cache, String result, int count) {
        Counter counter = counters.computeIfAbsent(
                cache + '\u0000' + result,
                k -> Counter.builder("cache.gets")
                        .description("Cache-aside reads by result")
                        .tag("cache", cache)
                        .tag("result", result)
                        .register(registry));
        if (count > 0) {
            counter.increment(count);
        }
    }
}
