package io.community.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.community.cluster.discovery.EtcdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/monitoring proven against the real thing: the cluster (on etcd discovery, so the etcd
 * meters exist) scraped by a real Prometheus whose configuration is deploy/monitoring/prometheus.yml
 * itself — only the targets point at the processes' real ports and the intervals are short — with
 * the production rule files loaded as they are. Every target is up; every query of every dashboard
 * returns data after some traffic; a SIGKILLed service raises CommunityInstanceDown within its
 * {@code for} plus two scrape intervals, and not before its {@code for}.
 *
 * <p>Needs {@code prometheus} on the PATH (Debian: {@code apt-get install prometheus}; .ci/run does).
 * The figures are appended to target/monitoring-figures.txt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterMonitoringIT {
    /** Scrape every 2 s, evaluate every 1 s: a target down is seen within 2 s, pending within 1 s more. */
    private static final Duration SCRAPE = Duration.ofSeconds(2);

    private static final Duration EVALUATION = Duration.ofSeconds(1);
    /** What Grafana's $__rate_interval comes to here: at least four scrape intervals. */
    private static final String RATE_INTERVAL = "30s";
    /** deploy/monitoring/prometheus.yml's target for each node of the deployment. */
    private static final Map<String, String> LOCAL_TARGETS = Map.of(
            "gateway",
            "127.0.0.1:8081",
            "user",
            "127.0.0.1:18283",
            "relation",
            "127.0.0.1:28283",
            "creation",
            "127.0.0.1:38283");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Path monitoring = Path.of(System.getProperty("conformance.monitoring.dir", "../deploy/monitoring"))
            .toAbsolutePath()
            .normalize();
    private EtcdProcess etcd;
    private Deployment deployment;
    private Process prometheus;
    private URI prometheusUri;
    private Path work;

    @BeforeAll
    void start() throws Exception {
        String binary = onPath("prometheus");
        etcd = EtcdProcess.start();
        deployment = Deployment.cluster("community_test_monitoring", Map.of(), etcd.endpoint());

        work = Files.createDirectories(Path.of(System.getProperty("conformance.logs", "target/deployment-logs"))
                .toAbsolutePath()
                .resolve("prometheus"));
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, scrapeConfig());
        int port = Node.freePort();
        prometheusUri = URI.create("http://127.0.0.1:" + port);
        Path data = Files.createTempDirectory(work, "data");
        prometheus = new ProcessBuilder(
                        binary,
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + data,
                        "--web.listen-address=127.0.0.1:" + port,
                        "--storage.tsdb.retention.time=1h")
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("prometheus.log").toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(prometheus::destroyForcibly));
        awaitUntil(Duration.ofSeconds(30), "prometheus ready", () -> status("/-/ready") == 200);
    }

    @AfterAll
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor(10, TimeUnit.SECONDS);
            prometheus.destroyForcibly();
        }
        if (deployment != null) {
            deployment.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    @Order(1)
    void prometheusScrapesEveryProcess() throws Exception {
        long started = System.nanoTime();
        awaitUntil(Duration.ofSeconds(30), "all four targets up", () -> {
            JsonNode targets = api("/api/v1/targets?state=active").path("data").path("activeTargets");
            return targets.size() == LOCAL_TARGETS.size()
                    && stream(targets)
                            .allMatch(t -> "up".equals(t.path("health").asText()));
        });
        JsonNode up = query("up");
        assertThat(stream(up).map(r -> r.path("metric").path("job").asText()))
                .containsExactlyInAnyOrder(
                        "community-gateway", "community-user", "community-relation", "community-creation");
        assertThat(stream(up).map(r -> r.path("value").get(1).asText())).containsOnly("1");
        // the processes' own tags survive the scrape: service as Prometheus' job, instance set by the process
        JsonNode heap = query("jvm_memory_used_bytes{area=\"heap\", id=~\".*Eden.*\"}");
        assertThat(stream(heap).map(r -> r.path("metric").path("service").asText()))
                .containsExactlyInAnyOrder(
                        "community-gateway", "community-user", "community-relation", "community-creation");
        record("all 4 targets up %.1f s after Prometheus started", (System.nanoTime() - started) / 1e9);
    }

    @Test
    @Order(2)
    void everyDashboardQueryReturnsData() throws Exception {
        traffic();
        Map<String, String> queries = dashboardQueries();
        assertThat(queries).hasSizeGreaterThan(40);
        // rates need two samples inside their window after the traffic: a few scrape intervals
        List<String> empty = new ArrayList<>(queries.keySet());
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!empty.isEmpty() && System.nanoTime() < end) {
            List<String> still = new ArrayList<>();
            for (String where : empty) {
                if (query(queries.get(where)).isEmpty()) {
                    still.add(where);
                }
            }
            empty = still;
            if (!empty.isEmpty()) {
                traffic();
                Thread.sleep(SCRAPE.toMillis());
            }
        }
        List<String> report = empty.stream().map(w -> w + ": " + queries.get(w)).toList();
        assertThat(report).as("dashboard queries without data").isEmpty();
        record("%d dashboard queries, all with data", queries.size());
    }

    @Test
    @Order(3)
    void aKilledServiceRaisesInstanceDownWithinItsForPlusTwoScrapes() throws Exception {
        JsonNode rule = stream(api("/api/v1/rules?type=alert").path("data").path("groups"))
                .flatMap(g -> stream(g.path("rules")))
                .filter(r -> "CommunityInstanceDown".equals(r.path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("CommunityInstanceDown is not loaded"));
        Duration hold = Duration.ofMillis(Math.round(rule.path("duration").asDouble() * 1000));
        assertThat(hold).as("the production rule's for").isEqualTo(Duration.ofMinutes(1));
        Duration bound = hold.plus(SCRAPE.multipliedBy(2));
        assertThat(firing("community-relation")).isFalse();

        long killed = System.nanoTime();
        deployment.node("relation").kill();
        Duration pendingAfter = null;
        Duration firingAfter = null;
        while (Duration.ofNanos(System.nanoTime() - killed).compareTo(bound.plusSeconds(10)) < 0) {
            String state = alertState("community-relation");
            Duration since = Duration.ofNanos(System.nanoTime() - killed);
            if (pendingAfter == null && state != null) {
                pendingAfter = since;
            }
            if ("firing".equals(state)) {
                firingAfter = since;
                break;
            }
            Thread.sleep(100);
        }
        record(
                "SIGKILL of relation: CommunityInstanceDown pending after %s, firing after %s (for %s, bound %s)",
                seconds(pendingAfter), seconds(firingAfter), seconds(hold), seconds(bound));
        assertThat(firingAfter)
                .as("CommunityInstanceDown firing for community-relation")
                .isNotNull();
        assertThat(firingAfter).isLessThanOrEqualTo(bound);
        assertThat(firingAfter).as("not before its for").isGreaterThanOrEqualTo(hold);
        // only the dead one
        assertThat(firing("community-user")).isFalse();
        assertThat(firing("community-gateway")).isFalse();
    }

    // --- the deployment's traffic ------------------------------------------------------------------

    /** One of every business event the dashboards count, and reads that hit the caches. */
    private void traffic() {
        Api api = new Api(deployment.baseUri(), json);
        ConformanceTest.Session a = ConformanceTest.newUser(api, "monitoring-a");
        ConformanceTest.Session b = ConformanceTest.newUser(api, "monitoring-b");
        Api.Answer refused =
                api.post("/api/v1/auth/login", null, Map.of("email", a.email(), "password", "not-the-password"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        ConformanceTest.assertOk(api.post("/api/v1/relation/follow", b.token(), Map.of("followedUid", a.id())));
        Api.Answer post = api.post("/api/v1/post", a.token(), Map.of("title", "Watched", "text", "by Prometheus"));
        ConformanceTest.assertOk(post);
        long postId = ((Number) ((Map<?, ?>) post.data().get("post")).get("id")).longValue();
        ConformanceTest.assertOk(api.post(
                "/api/v1/comment", b.token(), Map.of("postId", postId, "content", "seen", "deviceType", "android")));
        ConformanceTest.assertOk(api.post("/api/v1/like", b.token(), Map.of("objType", 1, "objId", postId)));
        for (int i = 0; i < 3; i++) {
            ConformanceTest.assertOk(api.post("/api/v1/feed/list", b.token(), Map.of("page", 0, "limit", 10)));
            ConformanceTest.assertOk(api.get("/api/v1/user/" + a.id(), a.token()));
            ConformanceTest.assertOk(api.get("/api/v1/relation/count?userId=" + a.id(), b.token()));
        }
    }

    // --- deploy/monitoring, made to point at this deployment ----------------------------------------

    /**
     * deploy/monitoring/prometheus.yml with the real ports, short intervals and absolute rule paths;
     * everything else (jobs, paths, honor_labels, rule files) as shipped.
     */
    private String scrapeConfig() throws IOException {
        String config = Files.readString(monitoring.resolve("prometheus.yml"));
        config = replaceOnce(config, "scrape_interval: 15s", "scrape_interval: " + SCRAPE.toSeconds() + "s");
        config =
                replaceOnce(config, "evaluation_interval: 15s", "evaluation_interval: " + EVALUATION.toSeconds() + "s");
        config = replaceOnce(config, "- rules/*.yml", "- " + monitoring.resolve("rules") + "/*.yml");
        for (Map.Entry<String, String> target : LOCAL_TARGETS.entrySet()) {
            config = replaceOnce(
                    config, "'" + target.getValue() + "'", "'" + metricsTarget(deployment.node(target.getKey())) + "'");
        }
        return config;
    }

    /** Where a node serves {@code /metrics}: host:port of its management port (the services': their HTTP port). */
    private static String metricsTarget(Node node) {
        URI uri = node.managementUri();
        return uri.getHost() + ":" + uri.getPort();
    }

    /** Every query of every dashboard, keyed by dashboard, panel and refId; template variables as Grafana's "All" sends them. */
    private Map<String, String> dashboardQueries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(monitoring.resolve("grafana"))) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("dashboards in " + monitoring.resolve("grafana")).hasSizeGreaterThanOrEqualTo(4);
        Pattern labelValues = Pattern.compile("label_values\\((.*),\\s*(\\w+)\\)");
        for (Path file : files) {
            JsonNode dashboard = json.readTree(file.toFile());
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("__rate_interval", RATE_INTERVAL);
            Map<String, String> variableQueries = new LinkedHashMap<>();
            for (JsonNode v : dashboard.path("templating").path("list")) {
                if (!"query".equals(v.path("type").asText())) {
                    continue;
                }
                variables.put(v.path("name").asText(), v.path("allValue").asText(".+"));
                String q = v.path("query").isObject()
                        ? v.path("query").path("query").asText()
                        : v.path("query").asText();
                Matcher m = labelValues.matcher(q);
                assertThat(m.matches()).as("variable query " + q).isTrue();
                variableQueries.put(
                        file.getFileName() + " variable " + v.path("name").asText(), m.group(1));
            }
            variableQueries.forEach((where, selector) -> queries.put(where, substitute(selector, variables)));
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    queries.put(
                            file.getFileName() + " '" + panel.path("title").asText() + "' "
                                    + target.path("refId").asText(),
                            substitute(target.path("expr").asText(), variables));
                }
            }
        }
        return queries;
    }

    private static String substitute(String expr, Map<String, String> variables) {
        Matcher m = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)").matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = variables.get(name);
            assertThat(value).as("variable $" + name + " in " + expr).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    // --- Prometheus' HTTP API --------------------------------------------------------------------

    private JsonNode query(String promql) throws Exception {
        JsonNode answer = api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        assertThat(answer.path("status").asText()).as(promql + " → " + answer).isEqualTo("success");
        return answer.path("data").path("result");
    }

    private String alertState(String job) throws Exception {
        return stream(api("/api/v1/alerts").path("data").path("alerts"))
                .filter(a -> "CommunityInstanceDown"
                                .equals(a.path("labels").path("alertname").asText())
                        && job.equals(a.path("labels").path("job").asText()))
                .map(a -> a.path("state").asText())
                .findFirst()
                .orElse(null);
    }

    private boolean firing(String job) throws Exception {
        return "firing".equals(alertState(job));
    }

    private JsonNode api(String pathAndQuery) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(prometheusUri + pathAndQuery))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }

    private int status(String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(prometheusUri + path))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    // --- helpers -----------------------------------------------------------------------------------

    interface Check {
        boolean ok() throws Exception;
    }

    private void awaitUntil(Duration timeout, String what, Check check) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (prometheus != null && !prometheus.isAlive()) {
                throw new AssertionError("prometheus exited with " + prometheus.exitValue() + ":\n"
                        + Files.readString(work.resolve("prometheus.log")));
            }
            if (check.ok()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + ": not within " + timeout + "; targets: " + api("/api/v1/targets"));
    }

    private static String onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(
                "'" + binary + "' is not on the PATH: ClusterMonitoringIT runs a real Prometheus."
                        + " Install it (Debian: apt-get install prometheus; .ci/run does).");
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException(
                    "deploy/monitoring/prometheus.yml should contain '" + from + "' exactly once");
        }
        return text.replace(from, to);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes.stream();
    }

    private static String seconds(Duration d) {
        return d == null ? "never" : String.format("%.1f s", d.toMillis() / 1000.0);
    }

    private static void record(String format, Object... args) throws IOException {
        String line = String.format(format, args);
        System.out.println(line);
        Files.writeString(
                Path.of("target", "monitoring-figures.txt"),
                line + System.lineSeparator(),
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
