package io.community.web.limits;

import io.community.monitoring.limits.ConcurrencyLimitProperties;
import io.community.monitoring.limits.ConcurrencyLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The concurrency limit of the HTTP API (monolith, gateway); a service's gRPC server has its own. */
@Factory
public class ConcurrencyLimitFactory {

    @Singleton
    ConcurrencyLimiter httpConcurrencyLimiter(ConcurrencyLimitProperties properties, MeterRegistry registry) {
        return new ConcurrencyLimiter("http", properties, registry);
    }
}
