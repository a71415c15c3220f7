package io.community.web.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Prometheus text at {@code /metrics}, the path scrapers expect, rather than the framework's {@code /prometheus}. */
@Controller("/metrics")
@Tag(name = "operations")
public class MetricsController {
    private final PrometheusMeterRegistry registry;

    public MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    @Operation(summary = "Prometheus metrics")
    public String scrape() {
        return registry.scrape();
    }
}
