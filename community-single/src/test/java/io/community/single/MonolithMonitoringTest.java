package io.community.single;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the monolith tells an operator: metrics tagged with service and instance, routes as templates
 * (never a raw id), business counters, pool meters; and the JFR endpoint when switched on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonolithMonitoringTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedServer server;

    @BeforeAll
    void start() {
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "datasources.default.url",
                                "jdbc:h2:mem:monitoring;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                        "community.metrics.instance", "test-host:1234",
                        "endpoints.jfr.enabled", "true",
                        "endpoints.jfr.sensitive", "false"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Where the monolith serves management endpoints (/metrics, /jfr): its management port when
     * {@code endpoints.all.port} is set, else its HTTP port.
     */
    private URI management(String path) {
        int port = server.getApplicationContext()
                .getProperty("endpoints.all.port", Integer.class)
                .filter(p -> p > 0)
                .orElse(server.getPort());
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.getURI().resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAreTaggedAndRoutesAreTemplates() throws Exception {
        HttpResponse<String> refused =
                post("/api/v1/auth/login", "{\"email\":\"nobody@example.com\",\"password\":\"wrong-password\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        http.send(
                HttpRequest.newBuilder(server.getURI().resolve("/api/v1/user/987654"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        // an unknown path (a scanner's) must not become a tag value either
        http.send(
                HttpRequest.newBuilder(server.getURI().resolve("/no/such/path/555444"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());

        String metrics = http.send(
                        HttpRequest.newBuilder(management("/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(metrics)
                .containsPattern(
                        "http_server_requests_seconds_count\\{[^}]*instance=\"test-host:1234\"[^}]*service=\"community-single\"[^}]*uri=\"/api/v1/user/\\{id}\"")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/v1/auth/login\",le=\"0.1\"}")
                .containsPattern("community_logins_total\\{[^}]*result=\"failure\"[^}]*} 1.0")
                .contains("hikaricp_connections_max{")
                .contains("jvm_memory_used_bytes{");
        assertThat(metrics)
                .as("no raw id or path in any tag")
                .doesNotContain("987654")
                .doesNotContain("555444")
                .containsPattern("uri=\"NOT_FOUND\"");
        assertThat(metrics.lines().filter(l -> !l.startsWith("#")))
                .allSatisfy(l -> assertThat(l).contains("service=\"community-single\""));
    }

    @Test
    void jfrRecordsForTheRequestedSecondsOneAtATime() throws Exception {
        CompletableFuture<HttpResponse<byte[]>> first = http.sendAsync(
                HttpRequest.newBuilder(management("/jfr?seconds=2")).build(), HttpResponse.BodyHandlers.ofByteArray());
        Thread.sleep(700);
        HttpResponse<String> second = http.send(
                HttpRequest.newBuilder(management("/jfr?seconds=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);

        HttpResponse<byte[]> recording = first.get();
        assertThat(recording.statusCode()).isEqualTo(200);
        assertThat(recording.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).contains(".jfr"));
        // a JFR file starts with the magic "FLR\0"
        assertThat(new String(Arrays.copyOf(recording.body(), 3), StandardCharsets.US_ASCII))
                .isEqualTo("FLR");
        assertThat(recording.body().length).isGreaterThan(10_000);

        assertThat(http.send(
                                HttpRequest.newBuilder(management("/jfr?seconds=61"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(400);
        assertThat(http.send(
                                HttpRequest.newBuilder(management("/jfr?seconds=0"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void jfrIsOffByDefault() throws Exception {
        try (EmbeddedServer plain = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "datasources.default.url",
                        "jdbc:h2:mem:monitoring-plain;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"))) {
            int status = http.send(
                            HttpRequest.newBuilder(plain.getURI().resolve("/jfr?seconds=1"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            assertThat(status).isIn(401, 403, 404);
        }
    }
}
