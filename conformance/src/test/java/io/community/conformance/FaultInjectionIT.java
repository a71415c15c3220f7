package io.community.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults injected into the deployment's own MariaDB and Redis processes (never the machine's shared
 * ones) under steady load, on the monolith and on the gateway with its services:
 * <ul>
 *   <li>Redis frozen (SIGSTOP) for 30 s: reads, profile updates and logins keep succeeding (≥ 99 %), never a 500;</li>
 *   <li>Redis killed and restarted empty: tokens issued before still work, logins succeed;</li>
 *   <li>MariaDB killed for 10 s under creates: every failure is a 503 answered within 3 s, no
 *       acknowledged write is lost, writes succeed again within 5 s of the database's return, and
 *       readiness says DOWN within 3 s.</li>
 * </ul>
 * The figures each run measured are printed (and quoted in docs/operations.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionIT extends ConformanceTest {
    private static final Duration REDIS_PAUSE = Duration.ofSeconds(30);
    private static final Duration DB_OUTAGE = Duration.ofSeconds(10);
    private static final HttpClient PROBE =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private PrivateServers servers;

    @Override
    protected Backing backing() {
        servers = PrivateServers.start();
        return servers;
    }

    @AfterAll
    void stopServers() {
        // the deployment first, so its processes stop while their database still answers
        if (deployment != null) {
            deployment.close();
            deployment = null;
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    @Order(1)
    void redisFrozenForThirtySecondsUnderReadsUpdatesAndLogins() throws Exception {
        Session reader = newUser("reader");
        Session writer = newUser("writer");
        String loginEmail = uniqueEmail("login");
        register(loginEmail, "password-login");
        URI base = deployment.baseUri();
        String loginBody = json.writeValueAsString(Map.of("email", loginEmail, "password", "password-login"));

        long paused;
        long resumed;
        List<Load.Result> all;
        try (Load load = new Load(3, n -> switch (Thread.currentThread().getName()) {
            case "load-0" -> Load.get(base.resolve("/api/v1/user/" + writer.id()), reader.token());
            case "load-1" ->
                put(
                        base.resolve("/api/v1/user/" + writer.id()),
                        writer.token(),
                        "{\"nickName\":\"w" + (n % 1000) + "\"}");
            default ->
                HttpRequest.newBuilder(base.resolve("/api/v1/auth/login"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(loginBody))
                        .build();
        })) {
            Thread.sleep(3000);
            paused = System.nanoTime();
            servers.redis().freeze();
            Thread.sleep(REDIS_PAUSE.toMillis());
            servers.redis().thaw();
            resumed = System.nanoTime();
            Thread.sleep(3000);
            all = load.all();
        }

        List<Load.Result> during = load(all, paused, resumed);
        long ok = during.stream().filter(Load.Result::ok).count();
        report("redis paused 30 s", during, ok);
        assertThat(during).as("requests during the pause").hasSizeGreaterThan(30);
        assertThat(all).as("no 500, ever").noneMatch(r -> r.status() == 500);
        assertThat((double) ok / during.size())
                .as("success ratio while Redis is frozen: " + failuresOf(during))
                .isGreaterThanOrEqualTo(0.99);
        assertThat(api.get("/api/v1/user/" + writer.id(), reader.token()).status())
                .isEqualTo(200);
    }

    @Test
    @Order(2)
    void redisRestartedEmptyKeepsEveryoneLoggedIn() throws Exception {
        Session before = newUser("before-restart");
        assertOk(api.get("/api/v1/user/" + before.id(), before.token()));

        servers.redis().kill();
        List<Integer> whileDown = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            whileDown.add(api.get("/api/v1/user/" + before.id(), before.token()).status());
        }
        servers.redis().restart();

        // every answer from now on, while clients reconnect and the breaker closes again
        List<Integer> after = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            after.add(api.get("/api/v1/user/" + before.id(), before.token()).status());
            Thread.sleep(200);
        }
        System.out.printf(
                "[faults %s] redis killed: %s while down, %d answers after the empty restart%n",
                deployment.kind(), whileDown, after.size());
        assertThat(whileDown).as("a token issued before, while Redis is gone").containsOnly(200);
        assertThat(after)
                .as("a token issued before, after Redis came back empty")
                .containsOnly(200);
        assertThat(login(before.email(), "password-before-restart")).isNotBlank();
        assertOk(api.post("/api/v1/auth/logout", before.token(), Map.of()));
        assertThat(api.get("/api/v1/user/" + before.id(), before.token()).status())
                .as("logout still revokes after the restart")
                .isEqualTo(401);
    }

    @Test
    @Order(3)
    void databaseKilledForTenSecondsUnderCreates() throws Exception {
        Session author = newUser("author");
        URI base = deployment.baseUri();
        List<Node> withDatabase = deployment.kind() == Deployment.Kind.MONOLITH
                ? List.of(deployment.node("monolith"))
                : Deployment.SERVICES.stream().map(deployment::node).toList();

        long killed;
        long back;
        List<Long> downAfterMillis = new ArrayList<>();
        List<Load.Result> all;
        try (Load load = new Load(
                2,
                n -> Load.post(
                        base.resolve("/api/v1/post"),
                        author.token(),
                        "{\"title\":\"" + Thread.currentThread().getName() + "-" + n
                                + "\",\"text\":\"written under fault\"}"))) {
            Thread.sleep(2000);
            servers.mariaDb().kill();
            killed = System.nanoTime();
            // every node watched at once: a probe may take up to its 1 s timeout
            long since = killed;
            List<CompletableFuture<Long>> watches = withDatabase.stream()
                    .map(node ->
                            CompletableFuture.supplyAsync(() -> awaitNotReady(node, since, Duration.ofSeconds(10))))
                    .toList();
            watches.forEach(w -> downAfterMillis.add(w.join()));
            Thread.sleep(Math.max(0, DB_OUTAGE.toMillis() - (System.nanoTime() - killed) / 1_000_000));
            servers.mariaDb().restart();
            back = System.nanoTime();
            Thread.sleep(7000);
            all = load.all();
        }

        List<Load.Result> failures = all.stream().filter(r -> !r.ok()).toList();
        long slowest = failures.stream().mapToLong(Load.Result::tookNanos).max().orElse(0) / 1_000_000;
        List<Load.Result> lateStarts = all.stream()
                .filter(r -> r.atNanos() - r.tookNanos()
                        > back + Duration.ofSeconds(5).toNanos())
                .toList();
        long firstSuccessAfterBack = all.stream()
                .filter(Load.Result::ok)
                .filter(r -> r.atNanos() > back)
                .mapToLong(r -> (r.atNanos() - back) / 1_000_000)
                .min()
                .orElse(-1);
        System.out.printf(
                "[faults %s] mariadb killed 10 s: %d creates, %d failed (statuses %s), slowest failure %d ms, "
                        + "readiness DOWN after %s ms, first success %d ms after the database returned%n",
                deployment.kind(),
                all.size(),
                failures.size(),
                failures.stream().map(Load.Result::status).collect(Collectors.toCollection(TreeSet::new)),
                slowest,
                downAfterMillis,
                firstSuccessAfterBack);

        assertThat(failures).as("the outage was felt").isNotEmpty();
        assertThat(failures)
                .as("every failure is a 503 in the envelope: " + failuresOf(failures))
                .allMatch(r -> r.status() == 503 && r.body().contains("\"code\":10013"));
        assertThat(slowest).as("every failure answered within 3 s (ms)").isLessThanOrEqualTo(3000);
        assertThat(downAfterMillis).as("readiness DOWN within 3 s (ms)").allMatch(ms -> ms >= 0 && ms <= 3000);
        assertThat(lateStarts)
                .as("requests started 5 s after the database returned")
                .isNotEmpty()
                .allMatch(Load.Result::ok);
        assertThat(firstSuccessAfterBack)
                .as("first success after the return (ms)")
                .isBetween(0L, 5000L);
        for (Node node : withDatabase) {
            node.awaitReady(Duration.ofSeconds(10));
        }

        Set<Long> acknowledged = new TreeSet<>();
        for (Load.Result r : all) {
            if (r.ok()) {
                acknowledged.add(((Number) post(r.body()).get("id")).longValue());
            }
        }
        Set<Long> stored = storedPostIds(author.id());
        assertThat(stored).as("every acknowledged create is in the database").containsAll(acknowledged);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> post(String body) throws IOException {
        Map<String, Object> envelope = json.readValue(body, Map.class);
        return (Map<String, Object>) ((Map<String, Object>) envelope.get("data")).get("post");
    }

    private Set<Long> storedPostIds(long userId) throws SQLException {
        Set<Long> ids = new TreeSet<>();
        try (Connection c = deployment.connect(Deployment.Context.CREATION);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM post WHERE user_id = " + userId)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** Milliseconds from {@code since} until the node's readiness stops answering 200; -1 if it never does. */
    private static long awaitNotReady(Node node, long since, Duration timeout) {
        HttpRequest probe = HttpRequest.newBuilder(node.httpUri().resolve("/health/readiness"))
                .timeout(Duration.ofSeconds(1))
                .build();
        long end = since + timeout.toNanos();
        while (System.nanoTime() < end) {
            int status;
            try {
                status = PROBE.send(probe, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (IOException e) {
                status = -1; // a probe that times out counts as not ready, as for an orchestrator
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            if (status != 200) {
                return (System.nanoTime() - since) / 1_000_000;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    private static HttpRequest put(URI uri, String token, String json) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private static List<Load.Result> load(List<Load.Result> all, long from, long to) {
        return all.stream().filter(r -> r.atNanos() >= from && r.atNanos() < to).toList();
    }

    private void report(String what, List<Load.Result> during, long ok) {
        System.out.printf(
                "[faults %s] %s: %d/%d succeeded (%.2f %%), slowest %d ms%n",
                deployment.kind(),
                what,
                ok,
                during.size(),
                100.0 * ok / during.size(),
                during.stream().mapToLong(Load.Result::tookNanos).max().orElse(0) / 1_000_000);
    }

    private static String failuresOf(List<Load.Result> results) {
        return results.stream()
                .filter(r -> !r.ok())
                .limit(5)
                .map(r -> r.status() + " " + r.took().toMillis() + "ms " + r.body())
                .toList()
                .toString();
    }
}
