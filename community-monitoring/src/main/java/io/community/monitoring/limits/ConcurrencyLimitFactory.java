package io.community.monitoring.limits;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * The process's one {@link ConcurrencyLimiter}. Each runnable has exactly one limited entry: the
 * monolith and the gateway their HTTP API, a service its gRPC server ({@code community.limits.entry}
 * tells which, for the metrics' tag; the service runtime sets it to {@code grpc}).
 */
@Factory
public class ConcurrencyLimitFactory {

    @Singleton
    ConcurrencyLimiter concurrencyLimiter(ConcurrencyLimitProperties properties, MeterRegistry registry,
                                          @Value("${community.limits.entry:http}") String entry) {
        return new ConcurrencyLimiter(entry, properties, registry);
    }
}
