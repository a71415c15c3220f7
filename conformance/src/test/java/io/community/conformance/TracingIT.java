package io.community.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracing and logs end to end, against a real Zipkin: the deployment (monolith, or gateway plus the
 * three services) exports to Zipkin ({@code OTEL_TRACES_EXPORTER=zipkin}) and writes JSON logs
 * ({@code COMMUNITY_LOG_FORMAT=json}) with DEBUG on for the project and the HTTP/gRPC frameworks.
 * One authenticated feed request must give one trace whose spans all hang off one root, from every
 * process it crossed, with database spans; every process's log lines for it carry that trace id; and
 * a whole account journey must leave no token, password, password hash or email code in any log.
 */
class TracingIT extends ConformanceTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Zipkin zipkin;

    @Override
    protected Map<String, String> extraProperties() {
        zipkin = Zipkin.start();
        Map<String, String> p = new HashMap<>();
        p.put("otel.traces.exporter", "zipkin");
        p.put("otel.exporter.zipkin.endpoint", zipkin.spansEndpoint());
        p.put("otel.bsp.schedule.delay", "100");
        // read by logback.xml, which takes system properties as well as environment variables
        p.put("COMMUNITY_LOG_FORMAT", "json");
        for (String logger : List.of(
                "io.community",
                "io.micronaut.http",
                "io.micronaut.http.server",
                "io.micronaut.http.client",
                "io.micronaut.data",
                "io.grpc",
                "io.netty",
                "com.zaxxer.hikari",
                "io.lettuce",
                "io.opentelemetry")) {
            p.put("logger.levels." + logger, "DEBUG");
        }
        return p;
    }

    @AfterAll
    void stopZipkin() {
        if (zipkin != null) {
            zipkin.close();
        }
    }

    private boolean cluster() {
        return deployment.kind() == Deployment.Kind.CLUSTER;
    }

    private String entryService() {
        return cluster() ? "community-gateway" : "community-single";
    }

    @Test
    void oneFeedRequestIsOneTraceAcrossEveryProcessWithTheSameTraceIdInTheirLogs() throws Exception {
        Session author = newUser("traced-author");
        Session reader = newUser("traced-reader");
        assertThat(api.post("/api/v1/post", author.token(), Map.of("title", "Traced", "text", "hello"))
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/relation/follow", reader.token(), Map.of("followedUid", author.id()))
                        .status())
                .isEqualTo(200);

        String requestId = "it-feed-" + UUID.randomUUID();
        HttpResponse<String> feed =
                send("POST", "/api/v1/feed/list", reader.token(), "{\"page\":0,\"limit\":10}", requestId);
        assertThat(feed.statusCode()).as(feed.body()).isEqualTo(200);
        assertThat(feed.headers().firstValue("X-Request-Id")).contains(requestId);
        String traceId = feed.headers().firstValue("X-Trace-Id").orElseThrow();
        assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));

        Set<String> expected = cluster()
                ? Set.of("community-gateway", "community-user", "community-relation", "community-creation")
                : Set.of("community-single");
        eventually(
                () -> {
                    List<Map<String, Object>> found = zipkin.trace(traceId);
                    return new HashSet<>(Zipkin.serviceNames(found)).containsAll(expected) && hasDatabaseSpan(found)
                            ? found
                            : null;
                },
                "spans of every process in trace " + traceId);
        // late spans (the gateway's server span ends last) get a moment to arrive
        Thread.sleep(1000);
        List<Map<String, Object>> spans = zipkin.trace(traceId);

        // one tree: a single root, the entry's server span; every other span's parent is in the trace
        Set<String> ids = new HashSet<>();
        spans.forEach(s -> assertThat(ids.add((String) s.get("id")))
                .as("duplicate span id in " + spans)
                .isTrue());
        List<Map<String, Object>> roots =
                spans.stream().filter(s -> s.get("parentId") == null).toList();
        assertThat(roots).as("roots of " + describe(spans)).hasSize(1);
        Map<String, Object> root = roots.get(0);
        assertThat(Zipkin.serviceName(root)).isEqualTo(entryService());
        assertThat(root.get("kind")).isEqualTo("SERVER");
        assertThat((String) root.get("name")).isEqualTo("post /api/v1/feed/list");
        assertThat(spans).allSatisfy(s -> {
            if (s.get("parentId") != null) {
                assertThat(ids)
                        .as("parent of " + s.get("name") + " in " + describe(spans))
                        .contains((String) s.get("parentId"));
            }
        });
        assertThat(new HashSet<>(Zipkin.serviceNames(spans))).containsAll(expected);
        if (cluster()) {
            for (String service : List.of("community-user", "community-relation", "community-creation")) {
                assertThat(spans)
                        .as(service + " answers a gRPC call in " + describe(spans))
                        .anySatisfy(s -> {
                            assertThat(Zipkin.serviceName(s)).isEqualTo(service);
                            assertThat(s.get("kind")).isEqualTo("SERVER");
                            assertThat(tags(s)).containsEntry("rpc.system", "grpc");
                        });
            }
            assertThat(spans).as("the gateway's gRPC client spans").anySatisfy(s -> {
                assertThat(Zipkin.serviceName(s)).isEqualTo("community-gateway");
                assertThat(s.get("kind")).isEqualTo("CLIENT");
                assertThat(tags(s)).containsEntry("rpc.system", "grpc");
            });
        }
        assertThat(hasDatabaseSpan(spans)).as(describe(spans)).isTrue();
        // and Zipkin files it as one trace: a search by the entry's span name finds exactly this one
        List<List<Map<String, Object>>> feedTraces = zipkin.traces(entryService(), "post /api/v1/feed/list");
        assertThat(feedTraces).hasSize(1);
        assertThat(feedTraces.get(0))
                .allSatisfy(s -> assertThat(s.get("traceId")).isEqualTo(traceId));

        // logs: the entry's access line and, in the cluster, a service's lines carry the trace id and request id
        Map<String, Object> access = eventually(
                () -> jsonLines(deployment.entry()).stream()
                        .filter(l ->
                                traceId.equals(l.get("trace_id")) && "io.community.access.http".equals(l.get("logger")))
                        .findFirst()
                        .orElse(null),
                "the access line of " + traceId);
        assertThat((String) access.get("message")).startsWith("POST /api/v1/feed/list 200 ");
        assertThat(access)
                .containsEntry("request_id", requestId)
                .containsEntry("service", entryService())
                .containsKeys("timestamp", "level", "span_id", "instance");
        if (cluster()) {
            for (String service : List.of("creation", "relation", "user")) {
                Map<String, Object> line = eventually(
                        () -> jsonLines(deployment.node(service)).stream()
                                .filter(l -> traceId.equals(l.get("trace_id"))
                                        && "io.community.access.grpc".equals(l.get("logger")))
                                .findFirst()
                                .orElse(null),
                        service + "'s access line of " + traceId);
                assertThat(line)
                        .containsEntry("request_id", requestId)
                        .containsEntry("service", "community-" + service);
                assertThat((String) line.get("message")).endsWith("ms").contains(" OK ");
            }
        }
    }

    @Test
    void requestIdIsAcceptedWhenSafeAndReplacedOtherwise() {
        HttpResponse<String> safe = send("GET", "/health/liveness", null, null, "abc-123_x.y:z/1");
        assertThat(safe.headers().firstValue("X-Request-Id")).contains("abc-123_x.y:z/1");
        for (String unsafe : List.of("a".repeat(65), "has space", "quote\"d", "")) {
            HttpResponse<String> replaced = send("GET", "/health/liveness", null, null, unsafe);
            assertThat(replaced.headers().firstValue("X-Request-Id"))
                    .get()
                    .asString()
                    .isNotEqualTo(unsafe)
                    .matches("[0-9a-f-]{36}");
        }
        HttpResponse<String> none = send(
                "POST",
                "/api/v1/auth/login",
                null,
                "{\"email\":\"nobody@example.com\",\"password\":\"whatever-1\"}",
                null);
        assertThat(none.headers().firstValue("X-Request-Id")).get().asString().matches("[0-9a-f-]{36}");
        assertThat(none.headers().firstValue("X-Trace-Id")).get().asString().matches("[0-9a-f]{32}");
    }

    @Test
    void noTokenPasswordHashOrEmailCodeInAnyLogLineWithDebugOn() throws Exception {
        String email = uniqueEmail("secretive");
        String firstPassword = "first-Secret-" + UUID.randomUUID();
        String secondPassword = "second-Secret-" + UUID.randomUUID();
        assertThat(api.post("/api/v1/auth/email", null, Map.of("email", email)).status())
                .isEqualTo(200);
        String code = TestMailServer.lastCodeFor(email);
        Api.Answer registered = api.post(
                "/api/v1/auth/register", null, Map.of("email", email, "emailCode", code, "password", firstPassword));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        long id = registered.dataLong("id");
        String token = login(email, firstPassword);
        assertThat(api.put("/api/v1/user/" + id, token, Map.of("nickName", "Quiet", "age", 30))
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/user/" + id, token).status()).isEqualTo(200);
        Api.Answer changed = api.put(
                "/api/v1/user/password/" + id, token, Map.of("oldPassword", firstPassword, "password", secondPassword));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        String secondToken = login(email, secondPassword);
        assertThat(api.post("/api/v1/auth/logout", secondToken, Map.of("id", id))
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/user/" + id, secondToken).status()).isEqualTo(401);
        String hash = passwordHash(email);
        assertThat(hash).startsWith("$2");

        Thread.sleep(1500); // let every process flush what it logs about these requests
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("first token", token);
        secrets.put("second token", secondToken);
        secrets.put("first password", firstPassword);
        secrets.put("second password", secondPassword);
        secrets.put("password hash", hash);
        secrets.put("password hash without its prefix", hash.substring(7));
        secrets.put("email code", "\"" + code + "\"");
        secrets.put("email code (text)", "code is " + code);
        secrets.put("email code (field)", "=" + code);
        int debugLines = 0;
        for (Node node : deployment.nodes()) {
            String log = node.log();
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                assertThat(log)
                        .as(node.name() + "'s log must not contain the " + secret.getKey())
                        .doesNotContain(secret.getValue());
            }
            debugLines += (int) jsonLines(node).stream()
                    .filter(l -> "DEBUG".equals(l.get("level")))
                    .count();
        }
        // the search means something only if DEBUG really was on
        assertThat(debugLines).as("DEBUG lines across the deployment").isGreaterThan(10);
        // and the journey itself was logged: register and login requests reached the access log
        assertThat(deployment.entry().log())
                .contains("POST /api/v1/auth/register 200")
                .contains("PUT /api/v1/user/password/{id} 200");
    }

    private String passwordHash(String email) throws SQLException {
        try (Connection c = deployment.connect(Deployment.Context.USER);
                PreparedStatement s = c.prepareStatement("SELECT password FROM user WHERE email = ?")) {
            s.setString(1, email);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getString(1);
            }
        }
    }

    private HttpResponse<String> send(String method, String path, String token, String body, String requestId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        deployment.baseUri().resolve(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (requestId != null && !requestId.isEmpty()) {
            request.header("X-Request-Id", requestId);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every line of a node's log is one JSON object; returns them parsed. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> jsonLines(Node node) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : node.log().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                lines.add(mapper.readValue(line, Map.class));
            } catch (IOException e) {
                throw new AssertionError(node.name() + " wrote a line that is not JSON: " + line, e);
            }
        }
        return lines;
    }

    private static boolean hasDatabaseSpan(List<Map<String, Object>> spans) {
        return spans.stream()
                .anyMatch(s -> "CLIENT".equals(s.get("kind"))
                        && tags(s).containsKey("db.statement")
                        && "mariadb".equals(tags(s).get("db.system")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> tags(Map<String, Object> span) {
        Object tags = span.get("tags");
        return tags instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }

    private static String describe(List<Map<String, Object>> spans) {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> s : spans) {
            b.append('\n')
                    .append(Zipkin.serviceName(s))
                    .append(' ')
                    .append(s.get("kind"))
                    .append(' ')
                    .append(s.get("name"))
                    .append(" id=")
                    .append(s.get("id"))
                    .append(" parent=")
                    .append(s.get("parentId"));
        }
        return b.toString();
    }

    private static <T> T eventually(Supplier<T> probe, String what) {
        long end = System.nanoTime() + PATIENCE.toNanos();
        T value = probe.get();
        while (value == null && System.nanoTime() < end) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = probe.get();
        }
        if (value == null) {
            throw new AssertionError("no " + what + " within " + PATIENCE);
        }
        return value;
    }
}
