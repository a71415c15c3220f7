package io.community.common.health;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness of Redis on a redis-server of the test's own: UP, then DOWN within the timeout when stopped or killed. */
class RedisHealthIndicatorIT {
    private Process redis;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisHealthIndicator indicator;

    @BeforeEach
    void start() throws Exception {
        int port = freePort();
        redis = new ProcessBuilder(
                        "redis-server",
                        "--port",
                        String.valueOf(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        awaitListening(port);
        client = RedisClient.create("redis://127.0.0.1:" + port + "?timeout=5s");
        connection = client.connect();
        indicator = new RedisHealthIndicator(connection, new HealthProperties(Duration.ofMillis(500)));
    }

    @AfterEach
    void stop() throws Exception {
        signal("CONT");
        redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void upWhileRedisAnswers() {
        assertThat(check().getStatus()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void downWithinTheTimeoutWhenRedisIsStopped() throws Exception {
        signal("STOP");
        long start = System.nanoTime();
        HealthResult result = check();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(took).isLessThan(Duration.ofMillis(1500)); // the command timeout (5 s) is not waited for
        signal("CONT");
        assertThat(check().getStatus()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void downWhenRedisIsGone() throws Exception {
        redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long start = System.nanoTime();
        HealthResult result = check();

        assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }

    private HealthResult check() {
        return Mono.from(indicator.getResult()).block(Duration.ofSeconds(10));
    }

    private void signal(String signal) throws Exception {
        if (redis.isAlive()) {
            new ProcessBuilder("kill", "-" + signal, Long.toString(redis.pid()))
                    .start()
                    .waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port);
    }

    /** Below Linux's ephemeral range, so no outgoing connection takes it before redis-server binds it. */
    private static int freePort() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port");
    }
}
