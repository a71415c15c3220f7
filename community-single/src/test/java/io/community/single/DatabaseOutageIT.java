package io.community.single;

import io.community.common.testing.PrivateMariaDb;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monolith on a MariaDB of its own, with the shipped pool and health settings
 * (application.yml), while that database is killed or stopped: requests answer 503 with
 * Retry-After, not 500 and not after 30 s; readiness says DOWN within 3 s; liveness stays UP; and
 * requests succeed again soon after the database is back. Prints the measured times.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseOutageIT {
    private static final Duration BOUND = Duration.ofSeconds(3);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private PrivateMariaDb db;
    private EmbeddedServer server;

    @BeforeAll
    void start() {
        db = PrivateMariaDb.start();
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "datasources.default.url", db.url("community"),
                        "datasources.default.username", "root",
                        "datasources.default.password", ""));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    @Order(1)
    void aKilledDatabaseIsAFast503AndReadinessGoesDown() throws Exception {
        assertServing();

        db.kill();
        long killed = System.nanoTime();
        Duration toDown = awaitReadiness(503, killed);
        assertThat(toDown).as("readiness DOWN after the kill").isLessThan(BOUND);

        Duration answered = assertFast503("after the kill");
        assertThat(get("/health/liveness").statusCode())
                .as("liveness never depends on the database")
                .isEqualTo(200);

        db.restart();
        Duration back = awaitServing(System.nanoTime(), Duration.ofSeconds(5));
        System.out.printf(
                "database killed: readiness DOWN after %d ms; a request 503 in %d ms; back %d ms after the restart%n",
                toDown.toMillis(), answered.toMillis(), back.toMillis());
    }

    @Test
    @Order(2)
    void aStoppedDatabaseIsA503AndReadinessGoesDown() throws Exception {
        assertServing();

        db.pause();
        try {
            long paused = System.nanoTime();
            Duration toDown = awaitReadiness(503, paused);
            assertThat(toDown).as("readiness DOWN after SIGSTOP").isLessThan(BOUND);
            // the first request may find a pooled connection and wait for the driver's socket timeout (10 s);
            // once the pool has given those up, every request is a fast 503
            long first = System.nanoTime();
            HttpResponse<String> firstAnswer = login();
            Duration firstTook = since(first);
            assertThat(firstAnswer.statusCode()).as(firstAnswer.body()).isEqualTo(503);
            assertThat(firstTook).isLessThan(Duration.ofSeconds(13));
            Duration later = assertFast503("while stopped");
            assertThat(get("/health/liveness").statusCode()).isEqualTo(200);
            System.out.printf(
                    "database stopped: readiness DOWN after %d ms; first request 503 after %d ms, then %d ms%n",
                    toDown.toMillis(), firstTook.toMillis(), later.toMillis());
        } finally {
            db.resume();
        }
        Duration back = awaitServing(System.nanoTime(), Duration.ofSeconds(5));
        System.out.printf("database resumed: serving again after %d ms%n", back.toMillis());
    }

    private void assertServing() throws Exception {
        assertThat(get("/health/readiness").statusCode()).isEqualTo(200);
        HttpResponse<String> answer = login();
        assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
    }

    /** A request that needs the database: 503 with Retry-After and code 10013, within the bound. */
    private Duration assertFast503(String when) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = login();
        Duration took = since(start);
        assertThat(answer.statusCode()).as(when + ": " + answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After"))
                .as("Retry-After")
                .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        assertThat(answer.body())
                .contains("\"code\":10013")
                .doesNotContain("Hikari")
                .doesNotContain("SQL");
        assertThat(took).as(when + ": time to the 503").isLessThan(BOUND);
        return took;
    }

    /** A login with an email nobody has: it reads the user table (a miss in any cache). */
    private HttpResponse<String> login() throws Exception {
        String body = "{\"email\":\"nobody-" + UUID.randomUUID() + "@example.com\",\"password\":\"some-password-1\"}";
        return http.send(
                HttpRequest.newBuilder(server.getURI().resolve("/api/v1/auth/login"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Duration awaitReadiness(int status, long since) throws Exception {
        long end = since + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < end) {
            if (get("/health/readiness").statusCode() == status) {
                return since(since);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("readiness never answered " + status);
    }

    private Duration awaitServing(long since, Duration bound) throws Exception {
        long end = since + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            int status = login().statusCode();
            if (status >= 400 && status < 500) {
                Duration took = since(since);
                assertThat(took).as("serving again after the database returned").isLessThan(bound);
                assertThat(get("/health/readiness").statusCode()).isEqualTo(200);
                return took;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never served again after the database returned");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.getURI() + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
