package io.community.common.cache;

import io.community.common.observability.TracingSwitch;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.inject.Singleton;

/**
 * Wraps the configured {@link KeyValueCache} in a {@link TracedCache} when spans are exported; with
 * tracing off (the default) the cache is left as it is, so it costs nothing.
 */
@Singleton
public class CacheTracing implements BeanCreatedEventListener<KeyValueCache> {
    private final TracingSwitch tracing;
    private final BeanProvider<OpenTelemetry> openTelemetry;

    public CacheTracing(TracingSwitch tracing, BeanProvider<OpenTelemetry> openTelemetry) {
        this.tracing = tracing;
        this.openTelemetry = openTelemetry;
    }

    @Override
    public KeyValueCache onCreated(BeanCreatedEvent<KeyValueCache> event) {
        KeyValueCache cache = event.getBean();
        if (!tracing.exporting() || cache instanceof TracedCache) {
            return cache;
        }
        return new TracedCache(cache, openTelemetry.get().getTracer("io.community.cache"));
    }
}
