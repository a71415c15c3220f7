package io.community.conformance;

import io.community.cluster.discovery.Await;
import io.community.cluster.discovery.EtcdProcess;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster on etcd discovery, as separate processes on real ports with a real etcd: load
 * balancing, a crash, a graceful stop, an etcd outage and a new instance, all under steady load
 * through the gateway. One deployment for the whole class; the steps build on each other.
 * The figures measured are appended to target/failover-figures.txt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverIT {
    private static final Duration TTL = Duration.ofSeconds(10);
    private static final Pattern COUNT_CALLS = Pattern.compile(
            "(?m)^grpc_server_processing_duration_seconds_count\\{[^}]*method=\"Count\"[^}]*} ([0-9.eE+]+)$");

    private final HttpClient http = HttpClient.newHttpClient();
    private EtcdProcess etcd;
    private Client etcdClient;
    private Deployment deployment;
    private String prefix;
    private ConformanceTest.Session alice;
    private ConformanceTest.Session bob;
    private Api api;

    @BeforeAll
    void start() {
        etcd = EtcdProcess.start();
        String name = "community_test_failover";
        deployment = Deployment.cluster(name, Map.of(), etcd.endpoint());
        prefix = "/community-test/" + name + "/services/";
        deployment.addInstance("relation");
        etcdClient = Client.builder().endpoints(etcd.endpoint()).build();
        api = new Api(deployment.baseUri(), new com.fasterxml.jackson.databind.ObjectMapper());
        alice = ConformanceTest.newUser(api, "failover-a");
        bob = ConformanceTest.newUser(api, "failover-b");
    }

    @AfterAll
    void stop() {
        if (deployment != null) {
            deployment.close();
        }
        if (etcdClient != null) {
            etcdClient.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    @Order(1)
    void twoInstancesShareTheCallsEvenly() throws Exception {
        assertThat(keys("relation")).hasSize(2);
        double before1 = countCalls("relation");
        double before2 = countCalls("relation-2");
        for (int i = 0; i < 1000; i++) {
            Api.Answer answer = api.get("/api/v1/relation/count?userId=" + bob.id(), alice.token());
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        }
        double first = countCalls("relation") - before1;
        double second = countCalls("relation-2") - before2;
        record("1000 calls over two relation instances: %.0f / %.0f", first, second);
        assertThat(first + second).isEqualTo(1000);
        assertThat(first).isBetween(450.0, 550.0);
        assertThat(second).isBetween(450.0, 550.0);
    }

    @Test
    @Order(2)
    void aGracefulStopOfOneOfTwoUnderLoadFailsNoRequest() throws Exception {
        try (Load load = steadyLoad()) {
            Thread.sleep(1500);
            long stopAt = System.nanoTime();
            deployment.node("relation-2").stop(); // SIGTERM, waits until the process is gone
            double stopSeconds = (System.nanoTime() - stopAt) / 1e9;
            Thread.sleep(2000);
            load.close();
            List<Load.Result> all = load.all();
            record(
                    "SIGTERM of one of two relation instances under load: %d requests, %d failed; stop took %.1f s",
                    all.size(), Load.failures(all), stopSeconds);
            assertThat(Load.failures(all)).as(failuresOf(all)).isZero();
        }
        assertThat(keys("relation")).hasSize(1);
    }

    @Test
    @Order(3)
    void aThirdInstanceStartedUnderLoadGetsTrafficWithinFiveSeconds() throws Exception {
        try (Load load = steadyLoad()) {
            Thread.sleep(1000);
            // the third process of the service, started beside the one left running
            Node third = deployment.addInstance("relation"); // returns once it is ready (registered)
            long ready = System.nanoTime();
            Await.until(Duration.ofSeconds(5), () -> countCallsQuietly(third) > 0);
            double seconds = (System.nanoTime() - ready) / 1e9;
            record("third relation instance: first call %.2f s after it was ready", seconds);
            assertThat(Load.failures(load.all())).isZero();
        }
        assertThat(keys("relation")).hasSize(2);
    }

    @Test
    @Order(4)
    void aCrashUnderLoadFailsAtMostOnePercentAndNothingAfterThreeSeconds() throws Exception {
        long killedAt;
        try (Load load = steadyLoad()) {
            Thread.sleep(1500);
            killedAt = System.nanoTime();
            deployment.node("relation-3").kill();
            long keyGone = awaitKeys("relation", 1, TTL.plusSeconds(2));
            double goneAfter = (keyGone - killedAt) / 1e9;
            Thread.sleep(Math.max(
                    0,
                    Duration.ofNanos(killedAt + Duration.ofSeconds(10).toNanos() - System.nanoTime())
                            .toMillis()));
            load.close();
            List<Load.Result> window =
                    load.between(killedAt, killedAt + Duration.ofSeconds(10).toNanos());
            List<Load.Result> late =
                    load.between(killedAt + Duration.ofSeconds(3).toNanos(), Long.MAX_VALUE);
            record(
                    "kill -9 of one of two relation instances: %d of %d requests failed in the 10 s after (%.2f %%), "
                            + "%d after 3 s; its key was gone after %.1f s",
                    Load.failures(window),
                    window.size(),
                    100.0 * Load.failures(window) / window.size(),
                    Load.failures(late),
                    goneAfter);
            assertThat(window).hasSizeGreaterThan(100);
            assertThat(Load.failures(window)).as(failuresOf(window)).isLessThanOrEqualTo(window.size() / 100);
            assertThat(Load.failures(late)).as(failuresOf(late)).isZero();
        }
    }

    @Test
    @Order(5)
    void anEtcdOutageCausesNoClientErrorAndEveryKeyComesBack() throws Exception {
        List<Node> running = deployment.nodes().stream().filter(Node::alive).toList();
        try (Load load = steadyLoad()) {
            Thread.sleep(1000);
            etcd.stop();
            long down = System.nanoTime();
            Thread.sleep(30_000);
            etcd.resume();
            long up = System.nanoTime();
            // the test's own client backed off its reconnects during the outage; a fresh one sees
            // the keys when they are back, not when that backoff ends
            etcdClient.close();
            etcdClient = Client.builder().endpoints(etcd.endpoint()).build();
            long back = awaitKeys("relation", 1, TTL.plusSeconds(5));
            awaitKeys("user", 1, TTL.plusSeconds(5));
            awaitKeys("creation", 1, TTL.plusSeconds(5));
            Thread.sleep(1000);
            load.close();
            List<Load.Result> all = load.all();
            record(
                    "etcd down for %.0f s under load: %d requests, %d failed; keys back %.1f s after etcd returned",
                    (up - down) / 1e9, all.size(), Load.failures(all), (back - up) / 1e9);
            assertThat(Load.failures(all)).as(failuresOf(all)).isZero();
        }
        // the same processes as before the outage, none restarted
        for (Node node : running) {
            assertThat(node.alive()).as(node.name() + " still runs").isTrue();
        }
    }

    /** Reads and writes on the relation service through the gateway, from four threads. */
    private Load steadyLoad() {
        URI count = deployment.baseUri().resolve("/api/v1/relation/count?userId=" + bob.id());
        URI follow = deployment.baseUri().resolve("/api/v1/relation/follow");
        URI unfollow = deployment.baseUri().resolve("/api/v1/relation/unfollow");
        String body = "{\"followedUid\":" + bob.id() + "}";
        return new Load(4, n -> switch (n % 4) {
            case 1 -> Load.post(follow, alice.token(), body);
            case 3 -> Load.post(unfollow, alice.token(), body);
            default -> Load.get(count, alice.token());
        });
    }

    private List<String> keys(String service) throws Exception {
        return etcdClient
                .getKVClient()
                .get(
                        ByteSequence.from(prefix + service + "/", StandardCharsets.UTF_8),
                        GetOption.builder().isPrefix(true).build())
                .get(5, TimeUnit.SECONDS)
                .getKvs()
                .stream()
                .map(kv -> kv.getKey().toString(StandardCharsets.UTF_8))
                .toList();
    }

    /** Waits until the service has exactly {@code n} keys; returns when (System.nanoTime). */
    private long awaitKeys(String service, int n, Duration timeout) throws InterruptedException {
        Await.until(timeout, () -> {
            try {
                return keys(service).size() == n;
            } catch (Exception e) {
                return false;
            }
        });
        return System.nanoTime();
    }

    private double countCalls(String node) throws IOException, InterruptedException {
        return countCalls(deployment.node(node));
    }

    /** How many RelationService/Count calls this instance served, from its own /metrics. */
    private double countCalls(Node node) throws IOException, InterruptedException {
        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(node.httpUri().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = COUNT_CALLS.matcher(metrics.body());
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    private double countCallsQuietly(Node node) {
        try {
            return countCalls(node);
        } catch (Exception e) {
            return 0;
        }
    }

    private static String failuresOf(List<Load.Result> results) {
        return results.stream()
                .filter(r -> !r.ok())
                .limit(5)
                .map(r -> r.status() + " " + r.body())
                .toList()
                .toString();
    }

    private static void record(String format, Object... args) throws IOException {
        String line = String.format(format, args);
        System.out.println("[failover] " + line);
        Path file = Path.of(System.getProperty("conformance.logs", "target"), "..", "failover-figures.txt");
        Files.writeString(
                file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
