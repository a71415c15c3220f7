package io.community.monitoring;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The service and instance tags on every meter, gRPC's own service tag kept apart, fixed latency buckets. */
class MonitoringMeterFiltersTest {

    private static PrometheusMeterRegistry registry(String service, String instance) {
        MetricsProperties properties = new MetricsProperties("community-cluster-user", 18283);
        properties.setService(service);
        properties.setInstance(instance);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MonitoringMeterFilters filters = new MonitoringMeterFilters();
        registry.config().meterFilter(filters.commonTags(properties)).meterFilter(filters.latencyBuckets());
        return registry;
    }

    @Test
    void everyMeterCarriesServiceAndInstance() {
        PrometheusMeterRegistry registry = registry("community-user", "pod-7:18283");
        registry.counter("cache.gets", "cache", "user:id", "result", "hit").increment();
        Meter.Id id = registry.find("cache.gets").counter().getId();
        assertThat(id.getTag("service")).isEqualTo("community-user");
        assertThat(id.getTag("instance")).isEqualTo("pod-7:18283");
        assertThat(id.getTag("cache")).isEqualTo("user:id");
    }

    @Test
    void grpcsOwnServiceTagBecomesGrpcService() {
        PrometheusMeterRegistry registry = registry("community-gateway", "gw:8081");
        Timer.builder("grpc.client.processing.duration")
                .tag("service", "community.v1.UserService")
                .tag("method", "Login")
                .tag("statusCode", "OK")
                .register(registry)
                .record(Duration.ofMillis(3));
        Meter.Id id = registry.find("grpc.client.processing.duration").timer().getId();
        assertThat(id.getTag("service")).isEqualTo("community-gateway");
        assertThat(id.getTag("grpc.service")).isEqualTo("community.v1.UserService");
        assertThat(registry.scrape()).contains("grpc_service=\"community.v1.UserService\"");
    }

    @Test
    void requestTimersHaveTheFixedBuckets() {
        PrometheusMeterRegistry registry = registry("community-single", "host:8080");
        Timer.builder("http.server.requests")
                .tag("uri", "/api/v1/user/{id}")
                .register(registry)
                .record(Duration.ofMillis(30));
        Timer.builder("some.other.timer").register(registry).record(Duration.ofMillis(30));
        String text = registry.scrape();
        assertThat(text)
                .contains(
                        "http_server_requests_seconds_bucket{instance=\"host:8080\",service=\"community-single\",uri=\"/api/v1/user/{id}\",le=\"0.025\"} 0")
                .contains("le=\"0.05\"} 1")
                .contains("le=\"10.0\"} 1");
        assertThat(text).doesNotContain("some_other_timer_seconds_bucket");
    }

    @Test
    void theDefaultsAreTheApplicationNameAndHostPort() {
        MetricsProperties properties = new MetricsProperties("community-gateway", 8081);
        assertThat(properties.getService()).isEqualTo("community-gateway");
        assertThat(properties.getInstance()).endsWith(":8081").doesNotStartWith(":");
    }
}
