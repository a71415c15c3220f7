package io.community.web.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.community.monitoring.limits.ConcurrencyLimiter;
import io.community.web.testing.Http;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API at its concurrency limit: a fixed limit of 1, the one slot held by the test. */
@MicronautTest
@Property(name = "community.limits.algorithm", value = "fixed")
@Property(name = "community.limits.initial-limit", value = "1")
@Property(name = "community.limits.retry-after", value = "2s")
class ConcurrencyLimitFilterTest {
    @Inject
    EmbeddedServer server;

    @Inject
    ConcurrencyLimiter limiter;

    @Inject
    MeterRegistry registry;

    @Test
    void overTheLimitTheApiAnswers503InTheEnvelopeWhileHealthStaysReachable() throws Exception {
        Http http = new Http(server);
        assertThat(http.send("GET", "/api/v1/user/1", "alice", null, null).status())
                .isEqualTo(200);

        ConcurrencyLimiter.Permit held = limiter.tryAcquire().orElseThrow();
        try {
            Http.Answer refused = http.send("GET", "/api/v1/user/1", "alice", null, null);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("2");
            JsonNode body = new ObjectMapper().readTree(refused.body());
            assertThat(body.get("code").asInt()).isEqualTo(10013);
            assertThat(body.get("msg").asText()).isEqualTo(ConcurrencyLimitFilter.MESSAGE);
            assertThat(body.get("data").isObject()).isTrue();
            // a refusal is decided before authentication: no token needed to be refused
            assertThat(http.send("GET", "/api/v1/user/1", null, null, null).status())
                    .isEqualTo(503);

            assertThat(http.send("GET", "/health/liveness", null, null, null).status())
                    .isEqualTo(200);
            assertThat(http.send("GET", "/codes", null, null, null).status()).isEqualTo(200);
        } finally {
            held.success();
        }
        assertThat(http.send("GET", "/api/v1/user/1", "alice", null, null).status())
                .isEqualTo(200);
        assertThat(registry.get("community.limits.rejected")
                        .tag("entry", "http")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(limiter.inflight()).isZero();
    }
}
