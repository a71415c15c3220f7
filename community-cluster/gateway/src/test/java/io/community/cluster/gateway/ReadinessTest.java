package io.community.cluster.gateway;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** /health/readiness from grpc.health.v1 of each backend, with details made visible. */
@MicronautTest
class ReadinessTest extends GatewayOverFakesTest {
    @Override
    protected Map<String, String> settings() {
        return Map.of("endpoints.health.details-visible", "ANONYMOUS");
    }

    @BeforeEach
    void reset() {
        backends.reset();
    }

    private HttpResponse<String> readiness() {
        return Fixtures.get(server.getURI(), "/health/readiness", null);
    }

    private static Object backend(HttpResponse<String> response, String name) {
        return Json.at(response.body(), "details", "backends", "details", name);
    }

    @Test
    void upWhenEveryBackendServes() {
        HttpResponse<String> response = readiness();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Json.string(response.body(), "details", "backends", "status"))
                .isEqualTo("UP");
        assertThat(backend(response, "user")).isEqualTo(Map.of("status", "SERVING", "required", true));
        assertThat(backend(response, "relation")).isEqualTo(Map.of("status", "SERVING", "required", false));
        assertThat(backend(response, "creation")).isEqualTo(Map.of("status", "SERVING", "required", false));
        // operators see states, never addresses
        assertThat(response.body()).doesNotContain("127.0.0.1");
    }

    @Test
    void downWhenTheUserServiceDoesNotServe() {
        backends.user.health.setStatus("", ServingStatus.NOT_SERVING);

        HttpResponse<String> response = readiness();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(Json.string(response.body(), "status")).isEqualTo("DOWN");
        assertThat(backend(response, "user")).isEqualTo(Map.of("status", "NOT_SERVING", "required", true));
        assertThat(backend(response, "relation")).isEqualTo(Map.of("status", "SERVING", "required", false));
    }

    @Test
    void stillUpWhenAnOptionalBackendDoesNotServe() {
        backends.relation.health.setStatus("", ServingStatus.NOT_SERVING);

        HttpResponse<String> response = readiness();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(backend(response, "relation")).isEqualTo(Map.of("status", "NOT_SERVING", "required", false));
    }

    @Test
    void backToUpWhenTheUserServiceServesAgain() {
        backends.user.health.setStatus("", ServingStatus.NOT_SERVING);
        assertThat(readiness().statusCode()).isEqualTo(503);

        backends.user.health.setStatus("", ServingStatus.SERVING);
        assertThat(readiness().statusCode()).isEqualTo(200);
    }
}
