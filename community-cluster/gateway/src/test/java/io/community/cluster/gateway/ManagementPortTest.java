package io.community.cluster.gateway;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** As in the monolith: metrics only on the management port, health on both, the API only on the API port. */
@MicronautTest
class ManagementPortTest extends GatewayOverFakesTest {
    private final int managementPort = unusedPort();

    @Override
    protected Map<String, String> settings() {
        return Map.of("endpoints.all.port", String.valueOf(managementPort));
    }

    private URI management() {
        return URI.create("http://127.0.0.1:" + managementPort + "/");
    }

    @Test
    void metricsOnlyOnTheManagementPort() {
        HttpResponse<String> metrics = Fixtures.get(management(), "/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE").contains("jvm_memory_used_bytes");

        HttpResponse<String> onApi = Fixtures.get(server.getURI(), "/metrics", null);
        assertThat(onApi.statusCode()).isEqualTo(404);
        assertThat(onApi.body()).doesNotContain("# TYPE");
    }

    @Test
    void healthOnBothPorts() {
        for (URI base : new URI[] {server.getURI(), management()}) {
            assertThat(Fixtures.get(base, "/health/liveness", null).statusCode())
                    .as(base.toString())
                    .isEqualTo(200);
            assertThat(Fixtures.get(base, "/health/readiness", null).statusCode())
                    .as(base.toString())
                    .isEqualTo(200);
        }
    }

    @Test
    void readinessOnTheApiPortFollowsTheBackends() {
        backends.user.health.setStatus("", io.grpc.health.v1.HealthCheckResponse.ServingStatus.NOT_SERVING);
        try {
            HttpResponse<String> down = Fixtures.get(server.getURI(), "/health/readiness", null);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("DOWN").doesNotContain("127.0.0.1");
        } finally {
            backends.reset();
        }
    }

    @Test
    void theApiIsNotOnTheManagementPort() {
        assertThat(Fixtures.get(server.getURI(), "/codes", null).statusCode()).isEqualTo(200);
        assertThat(Fixtures.get(management(), "/codes", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theLauncherDefaultsTo8081() {
        try (ApplicationContext context = ApplicationContext.builder()
                .propertySources(GatewayApplication.defaultManagementPort())
                .build()) {
            context.getEnvironment().start();
            assertThat(context.getEnvironment().getProperty("endpoints.all.port", Integer.class))
                    .contains(8081);
        }
    }

    /** Bound again by the gateway within milliseconds, in this JVM. */
    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
