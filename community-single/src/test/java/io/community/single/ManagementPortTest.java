package io.community.single;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Metrics only on the management port; health on both; the API only on the API port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementPortTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedServer server;
    private URI api;
    private URI management;

    @BeforeAll
    void start() throws IOException {
        int managementPort = unusedPort();
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "datasources.default.url",
                        "jdbc:h2:mem:management;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                        "endpoints.all.port",
                        managementPort));
        api = server.getURI();
        management = URI.create("http://127.0.0.1:" + managementPort + "/");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void metricsAreServedOnlyOnTheManagementPort() throws Exception {
        HttpResponse<String> metrics = get(management.resolve("/metrics"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE").contains("jvm_memory_used_bytes");
        assertThat(metrics.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));

        HttpResponse<String> onApi = get(api.resolve("/metrics"));
        assertThat(onApi.statusCode()).isEqualTo(404);
        assertThat(onApi.body()).contains("\"code\"").doesNotContain("# TYPE");
    }

    @Test
    void healthIsAnsweredOnBothPorts() throws Exception {
        for (URI base : new URI[] {api, management}) {
            assertThat(get(base.resolve("/health/liveness")).statusCode())
                    .as(base.toString())
                    .isEqualTo(200);
            assertThat(get(base.resolve("/health/readiness")).statusCode())
                    .as(base.toString())
                    .isEqualTo(200);
        }
    }

    @Test
    void theApiIsNotOnTheManagementPort() throws Exception {
        assertThat(get(api.resolve("/codes")).statusCode()).isEqualTo(200);
        assertThat(get(management.resolve("/codes")).statusCode()).isEqualTo(404);
    }

    @Test
    void theLauncherDefaultsTo8081AndAnyConfigurationWins() {
        try (ApplicationContext context = ApplicationContext.builder()
                .propertySources(Application.defaultManagementPort())
                .build()) {
            context.getEnvironment().start();
            assertThat(context.getEnvironment().getProperty("endpoints.all.port", Integer.class))
                    .contains(8081);
        }
        // the position of environment variables (ENDPOINTS_ALL_PORT)
        try (ApplicationContext context = ApplicationContext.builder()
                .propertySources(
                        Application.defaultManagementPort(),
                        PropertySource.of("env-like", Map.of("endpoints.all.port", 9191), -200))
                .build()) {
            context.getEnvironment().start();
            assertThat(context.getEnvironment().getProperty("endpoints.all.port", Integer.class))
                    .contains(9191);
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Bound again by the server within milliseconds, in this JVM. */
    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
