package io.community.conformance;

import io.community.common.testing.TestRedis;
import io.community.common.testing.TestServices;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One deployment of the whole API as real processes on fresh MariaDB databases, one Redis key
 * prefix and the test JVM's SMTP server: the monolith's jar, or the gateway's jar in front of the
 * three services' jars. Tests see only its HTTP address and, for checks on stored rows, a database
 * connection per context.
 */
final class Deployment implements AutoCloseable {
    static final String SECRET = "conformance-secret-long-enough-for-hs256!";
    static final String ADMIN_EMAIL = "admin@example.com";
    private static final Duration STARTUP = Duration.ofSeconds(120);

    enum Kind { MONOLITH, CLUSTER }

    /** Whose tables a raw check reads. In the monolith all three live in one database. */
    enum Context { USER, RELATION, CREATION }

    private final Kind kind;
    private final Map<String, Node> nodes;
    private final Map<Context, String> databases;
    private final TestRedis redis;
    private final Map<String, Integer> grpcPorts;

    private Deployment(Kind kind, Map<String, Node> nodes, Map<Context, String> databases, TestRedis redis,
                       Map<String, Integer> grpcPorts) {
        this.kind = kind;
        this.nodes = nodes;
        this.databases = databases;
        this.redis = redis;
        this.grpcPorts = grpcPorts;
    }

    /** The deployment this test run is about: system property {@code conformance.target}. */
    static Kind targetKind() {
        String target = System.getProperty("conformance.target", "monolith");
        return Kind.valueOf(target.toUpperCase());
    }

    static Deployment start(Kind kind, String name, Map<String, String> extra) {
        TestRedis redis = TestRedis.open();
        Map<String, String> shared = new HashMap<>();
        shared.put("redis.uri", TestServices.redisUri());
        shared.put("community.cache.key-prefix", redis.prefix());
        shared.put("community.jwt.secret", SECRET);
        Map<String, String> userContext = new HashMap<>();
        userContext.put("community.mail.sink", "smtp");
        userContext.put("community.mail.smtp.host", "127.0.0.1");
        userContext.put("community.mail.smtp.port", String.valueOf(TestMailServer.port()));
        userContext.put("community.user.admin-emails", ADMIN_EMAIL);

        Map<String, Node> nodes = new LinkedHashMap<>();
        Map<Context, String> databases = new HashMap<>();
        Map<String, Integer> grpcPorts = new HashMap<>();
        try {
            if (kind == Kind.MONOLITH) {
                String url = TestServices.freshMariaDbUrl(name);
                databases.put(Context.USER, url);
                databases.put(Context.RELATION, url);
                databases.put(Context.CREATION, url);
                Map<String, String> p = merge(shared, userContext, database(url), extra);
                nodes.put("monolith", Node.start(name + "-monolith", monolithJar(), p, Node.freePort()));
            } else {
                int userGrpc = Node.freePort();
                int relationGrpc = Node.freePort();
                int creationGrpc = Node.freePort();
                grpcPorts.putAll(Map.of("user", userGrpc, "relation", relationGrpc, "creation", creationGrpc));
                Map<String, String> backends = Map.of(
                        "community.backends.user", "127.0.0.1:" + userGrpc,
                        "community.backends.relation", "127.0.0.1:" + relationGrpc,
                        "community.backends.creation", "127.0.0.1:" + creationGrpc);
                for (Context c : Context.values()) {
                    databases.put(c, TestServices.freshMariaDbUrl(name + "_" + c.name().toLowerCase()));
                }
                nodes.put("user", Node.start(name + "-user", clusterJar("user"),
                        merge(shared, userContext, database(databases.get(Context.USER)), backends, extra,
                                Map.of("grpc.server.port", String.valueOf(userGrpc))), Node.freePort()));
                nodes.put("relation", Node.start(name + "-relation", clusterJar("relation"),
                        merge(shared, database(databases.get(Context.RELATION)), backends, extra,
                                Map.of("grpc.server.port", String.valueOf(relationGrpc))), Node.freePort()));
                nodes.put("creation", Node.start(name + "-creation", clusterJar("creation"),
                        merge(shared, database(databases.get(Context.CREATION)), backends, extra,
                                Map.of("grpc.server.port", String.valueOf(creationGrpc))), Node.freePort()));
                nodes.put("gateway", Node.start(name + "-gateway", clusterJar("gateway"),
                        merge(backends, extra), Node.freePort()));
            }
            // services first: the gateway is ready only when its backends are
            for (Node node : nodes.values()) {
                node.awaitReady(STARTUP);
            }
            return new Deployment(kind, nodes, databases, redis, grpcPorts);
        } catch (RuntimeException e) {
            nodes.values().forEach(Node::close);
            redis.close();
            throw e;
        }
    }

    Kind kind() {
        return kind;
    }

    /** Where clients send API requests: the monolith, or the gateway. */
    URI baseUri() {
        return entry().httpUri();
    }

    Node entry() {
        return nodes.get(kind == Kind.MONOLITH ? "monolith" : "gateway");
    }

    Node node(String name) {
        Node node = nodes.get(name);
        if (node == null) {
            throw new NoSuchElementException(name + " is not part of the " + kind + " deployment");
        }
        return node;
    }

    /** The gRPC address of a cluster service ({@code user}, {@code relation}, {@code creation}). */
    String grpcTarget(String service) {
        Integer port = grpcPorts.get(service);
        if (port == null) {
            throw new NoSuchElementException(service + " has no gRPC port in the " + kind + " deployment");
        }
        return "127.0.0.1:" + port;
    }

    List<Node> nodes() {
        return new ArrayList<>(nodes.values());
    }

    Connection connect(Context context) throws SQLException {
        return DriverManager.getConnection(databases.get(context), TestServices.mariaDbUser(), TestServices.mariaDbPassword());
    }

    @Override
    public void close() {
        // the entry point first, so no request reaches a backend that is going away
        List<Node> reversed = new ArrayList<>(nodes.values());
        java.util.Collections.reverse(reversed);
        reversed.forEach(Node::close);
        redis.close();
    }

    private static Map<String, String> database(String url) {
        return Map.of("datasources.default.url", url,
                "datasources.default.username", TestServices.mariaDbUser(),
                "datasources.default.password", TestServices.mariaDbPassword());
    }

    @SafeVarargs
    private static Map<String, String> merge(Map<String, String>... parts) {
        Map<String, String> all = new HashMap<>();
        for (Map<String, String> part : parts) {
            all.putAll(part);
        }
        return all;
    }

    private static Path monolithJar() {
        return Path.of(System.getProperty("conformance.monolith.jar", "../community-single/target/community-single.jar"));
    }

    private static Path clusterJar(String module) {
        return Path.of(System.getProperty("conformance.cluster.dir", "../community-cluster"), module, "target", module + ".jar");
    }
}
