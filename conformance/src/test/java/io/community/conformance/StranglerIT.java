package io.community.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.community.cluster.discovery.Await;
import io.community.cluster.discovery.EtcdProcess;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
 * Configuration from etcd and strangler routing, on real processes: a monolith, and the cluster
 * (three services and the gateway, with etcd discovery and configuration) whose services all use
 * the monolith's database — the first phase of a migration, where traffic moves per context before
 * any data does. So both sides answer from the same rows, and switching a context's route must be
 * invisible to clients: the same answers, no failed request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StranglerIT {
    private static final String PROBE_LOGGER = "io.community.strangler.probe";
    private static final Pattern PROXIED =
            Pattern.compile("(?m)^community_strangler_proxied_total\\{[^}]*context=\"creation\"[^}]*} ([0-9.eE+]+)$");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private EtcdProcess etcd;
    private Deployment monolith;
    private Deployment cluster;
    private String configPrefix;
    private Api api;
    private Api monolithApi;
    private ConformanceTest.Session alice;
    private ConformanceTest.Session bob;
    private long postId;

    @BeforeAll
    void start() {
        // target-independent (it starts both deployments): run it in the cluster execution only
        Assumptions.assumeTrue(
                Deployment.targetKind() == Deployment.Kind.CLUSTER, "runs with conformance.target=cluster");
        etcd = EtcdProcess.start();
        String name = "community_test_strangler";
        configPrefix = "/community-test/" + name + "/config/";
        // one cache namespace for both sides: they share the rows, so they must share the cached copies
        String cachePrefix = "strangler-it-" + System.nanoTime() + ":";
        monolith = Deployment.monolith(
                name,
                Map.of(
                        "community.cache.key-prefix",
                        cachePrefix,
                        // the gateway names the client in X-Forwarded-For
                        "community.http.trusted-proxies",
                        "127.0.0.1"));
        cluster = Deployment.clusterOn(
                name + "_cluster",
                Map.of(
                        "community.cache.key-prefix",
                        cachePrefix,
                        "community.strangler.monolith-url",
                        monolith.baseUri().toString(),
                        "community.config.key-prefix",
                        configPrefix,
                        "endpoints.loggers.enabled",
                        "true",
                        "endpoints.loggers.sensitive",
                        "false"),
                etcd.endpoint(),
                monolith.databaseUrl(Deployment.Context.USER));
        api = new Api(cluster.baseUri(), json);
        monolithApi = new Api(monolith.baseUri(), json);
        alice = ConformanceTest.newUser(api, "strangler-a");
        bob = ConformanceTest.newUser(api, "strangler-b");
        // five cold JVMs on a busy machine: a first call may miss its deadline; these writes are retried
        ConformanceTest.assertOk(
                retried(() -> api.post("/api/v1/relation/follow", bob.token(), Map.of("followedUid", alice.id()))));
        Api.Answer post = retried(() ->
                api.post("/api/v1/post", alice.token(), Map.of("title", "Strangled", "text", "one context at a time")));
        ConformanceTest.assertOk(post);
        postId = ((Number) ((Map<?, ?>) post.data().get("post")).get("id")).longValue();
        ConformanceTest.assertOk(retried(() -> api.post(
                "/api/v1/comment",
                bob.token(),
                Map.of("postId", postId, "content", "moved", "deviceType", "android"))));
    }

    private static Api.Answer retried(java.util.function.Supplier<Api.Answer> call) {
        Api.Answer answer = call.get();
        for (int attempt = 1; attempt < 5 && (answer.status() == 503 || answer.status() == 504); attempt++) {
            answer = call.get();
        }
        return answer;
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (monolith != null) {
            monolith.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    @Order(1)
    void aSettingChangedInEtcdTakesEffectOnEveryInstanceWithinTwoSeconds() throws Exception {
        put("all/community.config.log-levels", PROBE_LOGGER + "=DEBUG");
        long start = System.nanoTime();
        for (Node node : cluster.nodes()) {
            Await.until(Duration.ofSeconds(2), () -> "DEBUG".equals(configuredLevel(node)));
            assertThat(reloadable(node, "community.config.log-levels").get("source"))
                    .isEqualTo(configPrefix + "all/community.config.log-levels");
        }
        record(
                "log level put under all/: in effect on all %d processes after %.2f s",
                cluster.nodes().size(), (System.nanoTime() - start) / 1e9);

        // the service's own key wins over the one for all
        put("gateway/community.config.log-levels", PROBE_LOGGER + "=WARN");
        Await.until(Duration.ofSeconds(2), () -> "WARN".equals(configuredLevel(cluster.node("gateway"))));
        assertThat(configuredLevel(cluster.node("user"))).isEqualTo("DEBUG");
        delete("gateway/community.config.log-levels");
        Await.until(Duration.ofSeconds(2), () -> "DEBUG".equals(configuredLevel(cluster.node("gateway"))));
    }

    @Test
    @Order(2)
    void anInvalidValueIsRefusedAndTheLastGoodOneKept() throws Exception {
        Node gateway = cluster.node("gateway");
        put("gateway/community.backends.deadline", "2500ms");
        Await.until(
                Duration.ofSeconds(2),
                () -> "PT2.5S"
                        .equals(reloadable(gateway, "community.backends.deadline")
                                .get("value")));

        put("gateway/community.backends.deadline", "banana");
        Await.until(
                Duration.ofSeconds(2),
                () -> reloadable(gateway, "community.backends.deadline").get("refused") != null);
        Map<String, Object> deadline = reloadable(gateway, "community.backends.deadline");
        assertThat(deadline.get("value")).isEqualTo("PT2.5S");
        assertThat((String) deadline.get("refused")).contains("'banana'").contains("not a positive duration");
        assertThat(gateway.log()).contains("Refused setting community.backends.deadline");

        put("gateway/community.strangler.routes", "{\"creation\":\"mainframe\"}");
        Await.until(
                Duration.ofSeconds(2),
                () -> reloadable(gateway, "community.strangler.routes").get("refused") != null);
        assertThat((String) reloadable(gateway, "community.strangler.routes").get("value"))
                .doesNotContain("MONOLITH");
        ConformanceTest.assertOk(api.get("/api/v1/post/" + postId, bob.token()));
        delete("gateway/community.strangler.routes");
        delete("gateway/community.backends.deadline");
        Await.until(
                Duration.ofSeconds(2),
                () -> "file"
                        .equals(reloadable(gateway, "community.backends.deadline")
                                .get("source")));
        assertThat(reloadable(gateway, "community.backends.deadline").get("value"))
                .isEqualTo("PT3S");
    }

    @Test
    @Order(2)
    void theTracingSamplingRatioFollowsEtcdOnEveryProcess() throws Exception {
        String key = "community.tracing.sampling-ratio";
        put("all/" + key, "0.5");
        for (Node node : cluster.nodes()) {
            Await.until(
                    Duration.ofSeconds(2),
                    () -> "0.5".equals(reloadable(node, key).get("value")));
        }
        put("all/" + key, "1.5");
        for (Node node : cluster.nodes()) {
            Await.until(Duration.ofSeconds(2), () -> reloadable(node, key).get("refused") != null);
            assertThat(reloadable(node, key).get("value")).isEqualTo("0.5");
        }
        delete("all/" + key);
        for (Node node : cluster.nodes()) {
            Await.until(
                    Duration.ofSeconds(2), () -> "".equals(reloadable(node, key).get("value")));
        }
    }

    @Test
    @Order(3)
    void theEffectiveConfigurationMasksSecrets() throws Exception {
        for (Node node : cluster.nodes()) {
            String raw = get(node.managementUri().resolve("/settings")).body();
            assertThat(raw)
                    .as(node.name())
                    .doesNotContain(Deployment.SECRET)
                    .doesNotContain(Deployment.INTERNAL_SECRET);
            @SuppressWarnings("unchecked")
            Map<String, Object> properties =
                    (Map<String, Object>) json.readValue(raw, Map.class).get("properties");
            assertThat(properties).as(node.name()).containsEntry("community.cluster.internal-secret", "******");
            if (!node.name().endsWith("gateway")) {
                assertThat(properties)
                        .as(node.name())
                        .containsEntry("community.jwt.secret", "******")
                        .containsKey("datasources.default.url");
            }
        }
    }

    @Test
    @Order(4)
    void aFrozenContextAnswersWrites503WithRetryAfterAndServesReads() throws Exception {
        put("gateway/community.strangler.frozen", "creation");
        Node gateway = cluster.node("gateway");
        Await.until(
                Duration.ofSeconds(2),
                () -> "[CREATION]"
                        .equals(reloadable(gateway, "community.strangler.frozen")
                                .get("value")));

        Api.Answer create = api.post("/api/v1/post", alice.token(), Map.of("title", "during the copy", "text", "no"));
        assertThat(create.status()).as(create.toString()).isEqualTo(503);
        assertThat(create.code()).isEqualTo(10013);
        assertThat(create.response().headers().firstValue("Retry-After")).isPresent();
        Api.Answer like = api.post("/api/v1/like", bob.token(), Map.of("objType", 1, "objId", postId));
        assertThat(like.status()).isEqualTo(503);

        ConformanceTest.assertOk(api.get("/api/v1/post/" + postId, bob.token()));
        ConformanceTest.assertOk(api.post("/api/v1/post/latest/list", bob.token(), Map.of("page", 0, "limit", 10)));
        ConformanceTest.assertOk(api.post("/api/v1/feed/list", bob.token(), Map.of("page", 0, "limit", 10)));
        // other contexts still take writes
        ConformanceTest.assertOk(api.put("/api/v1/user/" + bob.id(), bob.token(), Map.of("nickName", "Bob B.")));

        delete("gateway/community.strangler.frozen");
        Await.until(
                Duration.ofSeconds(2),
                () -> "[]"
                        .equals(reloadable(gateway, "community.strangler.frozen")
                                .get("value")));
        ConformanceTest.assertOk(
                api.post("/api/v1/post", alice.token(), Map.of("title", "after the copy", "text", "yes")));
    }

    @Test
    @Order(5)
    void creationSwitchesToTheMonolithAndBackUnderReadLoadWithoutAFailedRequest() throws Exception {
        Node gateway = cluster.node("gateway");
        URI base = cluster.baseUri();
        List<HttpRequest> reads = List.of(
                Load.get(base.resolve("/api/v1/post/" + postId), bob.token()), // creation + author (user)
                Load.post(
                        base.resolve("/api/v1/feed/list"),
                        bob.token(),
                        "{\"page\":0,\"limit\":10}"), // creation + relation + user
                Load.post(
                        base.resolve("/api/v1/comment/latest/list"),
                        bob.token(),
                        "{\"postId\":" + postId + ",\"page\":0,\"limit\":10}"),
                Load.get(base.resolve("/api/v1/user/" + alice.id()), bob.token()),
                Load.get(base.resolve("/api/v1/relation/count?userId=" + alice.id()), bob.token()));
        String viaCluster = api.get("/api/v1/post/" + postId, bob.token()).raw();
        double proxiedBefore = proxied(gateway);
        long switchedAt;
        long backAt;
        double proxiedWhileMonolith;
        try (Load load = new Load(3, n -> reads.get(n % reads.size()))) {
            Thread.sleep(1500);
            switchedAt = System.nanoTime();
            put("gateway/community.strangler.routes", "{\"creation\":\"monolith\"}");
            Await.until(Duration.ofSeconds(2), () -> proxiedQuietly(gateway) > proxiedBefore);
            record(
                    "creation routed to the monolith: first proxied request %.2f s after the put",
                    (System.nanoTime() - switchedAt) / 1e9);
            // the same answer, whichever side serves it
            Api.Answer viaMonolith = api.get("/api/v1/post/" + postId, bob.token());
            assertThat(viaMonolith.raw())
                    .isEqualTo(viaCluster)
                    .isEqualTo(monolithApi
                            .get("/api/v1/post/" + postId, bob.token())
                            .raw());
            Thread.sleep(2000);
            proxiedWhileMonolith = proxied(gateway);
            backAt = System.nanoTime();
            put("gateway/community.strangler.routes", "{\"creation\":\"cluster\"}");
            Await.until(
                    Duration.ofSeconds(2),
                    () -> "file"
                                    .equals(reloadable(gateway, "community.strangler.routes")
                                            .get("source"))
                            || String.valueOf(reloadable(gateway, "community.strangler.routes")
                                            .get("value"))
                                    .contains("CREATION=CLUSTER"));
            Thread.sleep(1500);
            load.close();
            List<Load.Result> all = load.all();
            record(
                    "creation cluster -> monolith -> cluster under read load: %d requests, %d failed, %.0f proxied",
                    all.size(), Load.failures(all), proxied(gateway) - proxiedBefore);
            assertThat(all.stream()
                            .filter(r -> !r.ok())
                            .map(r -> r.status() + " " + r.body())
                            .toList())
                    .isEmpty();
            assertThat(load.between(switchedAt, backAt)).isNotEmpty();
        }
        double settled = proxied(gateway);
        Thread.sleep(300);
        ConformanceTest.assertOk(api.get("/api/v1/post/" + postId, bob.token()));
        assertThat(proxied(gateway))
                .as("creation is served by the cluster again")
                .isEqualTo(settled);
        assertThat(proxiedWhileMonolith).isGreaterThan(proxiedBefore);
        assertThat(api.get("/api/v1/post/" + postId, bob.token()).raw()).isEqualTo(viaCluster);
    }

    @Test
    @Order(6)
    void settingsSurviveAnEtcdRestart() throws Exception {
        Node gateway = cluster.node("gateway");
        put("gateway/community.backends.deadline", "2s");
        Await.until(
                Duration.ofSeconds(2),
                () -> "PT2S"
                        .equals(reloadable(gateway, "community.backends.deadline")
                                .get("value")));

        etcd.stop();
        Thread.sleep(3000);
        // etcd away: the values in effect stay, the API keeps working
        assertThat(reloadable(gateway, "community.backends.deadline").get("value"))
                .isEqualTo("PT2S");
        ConformanceTest.assertOk(api.get("/api/v1/post/" + postId, bob.token()));
        etcd.resume();

        long back = System.nanoTime();
        put("all/community.config.log-levels", PROBE_LOGGER + "=ERROR");
        long put = System.nanoTime();
        for (Node node : cluster.nodes()) {
            Await.until(Duration.ofSeconds(10), () -> "ERROR".equals(configuredLevel(node)));
        }
        record(
                "after an etcd restart: a put %.2f s after etcd was back reached all processes %.2f s after the put",
                (put - back) / 1e9, (System.nanoTime() - put) / 1e9);
        assertThat(reloadable(gateway, "community.backends.deadline").get("value"))
                .isEqualTo("PT2S");
        delete("gateway/community.backends.deadline");
        Await.until(
                Duration.ofSeconds(2),
                () -> "PT3S"
                        .equals(reloadable(gateway, "community.backends.deadline")
                                .get("value")));
    }

    // --- helpers ------------------------------------------------------------------------------------

    /** Retried for a few seconds: right after a restart etcd may still be electing itself. */
    private void put(String key, String value) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
                client.getKVClient()
                        .put(bytes(configPrefix + key), bytes(value))
                        .get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private void delete(String key) throws Exception {
        try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
            client.getKVClient().delete(bytes(configPrefix + key)).get(10, TimeUnit.SECONDS);
        }
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> reloadable(Node node, String key) {
        try {
            Map<String, Object> body = json.readValue(
                    get(node.managementUri().resolve("/settings")).body(), Map.class);
            return (Map<String, Object>) ((Map<String, Object>) body.get("reloadable")).get(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String configuredLevel(Node node) {
        try {
            HttpResponse<String> answer = get(node.managementUri().resolve("/loggers/" + PROBE_LOGGER));
            if (answer.statusCode() != 200) {
                return null;
            }
            Object level = json.readValue(answer.body(), Map.class).get("configuredLevel");
            return level == null ? null : level.toString();
        } catch (Exception e) {
            return null;
        }
    }

    private double proxied(Node gateway) {
        Matcher m =
                PROXIED.matcher(get(gateway.managementUri().resolve("/metrics")).body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private double proxiedQuietly(Node gateway) {
        try {
            return proxied(gateway);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private HttpResponse<String> get(URI uri) {
        try {
            return http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(uri + ": " + e, e);
        }
    }

    private static void record(String format, Object... args) throws Exception {
        String line = String.format(format, args);
        System.out.println("[strangler] " + line);
        Path figures = Path.of("target", "strangler-figures.txt");
        Files.createDirectories(figures.getParent());
        Files.writeString(
                figures,
                line + System.lineSeparator(),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
