package io.community.conformance;

import io.community.common.testing.TestRedis;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One deployment of the whole API as real processes on fresh MariaDB databases, one Redis key
 * prefix and the test JVM's SMTP server: the monolith's jar, or the gateway's jar in front of the
 * three services' jars — found through static addresses, or through etcd when an etcd endpoint is
 * given. Tests see its HTTP address, its processes, and a database connection per context.
 */
final class Deployment implements AutoCloseable {
    static final String SECRET = "conformance-secret-long-enough-for-hs256!";
    /** The cluster's internal credential: the gateway and the services share it, as run-local.sh does. */
    static final String INTERNAL_SECRET = "conformance-internal-secret-of-the-cluster-0123456789";

    static final String ADMIN_EMAIL = "admin@example.com";
    static final List<String> SERVICES = List.of("user", "relation", "creation");
    private static final Duration STARTUP = Duration.ofSeconds(120);

    enum Kind {
        MONOLITH,
        CLUSTER
    }

    /** Whose tables a raw check reads. In the monolith all three live in one database. */
    enum Context {
        USER,
        RELATION,
        CREATION
    }

    private final Kind kind;
    private final String name;
    private final Map<String, Node> nodes = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<Context, String> databases = new HashMap<>();
    private final Map<String, Integer> grpcPorts = new HashMap<>();
    /** Per service: the properties every instance of it starts with (all but its ports). */
    private final Map<String, Map<String, String>> serviceProperties = new HashMap<>();

    private final TestRedis redis = TestRedis.open();
    private final Backing backing;
    private final Map<String, String> shared = new HashMap<>();
    private final Map<String, String> userContext = new HashMap<>();
    /** What the monolith's process was started with (its database, Redis, secrets), for one-off commands of its jar. */
    private Map<String, String> monolithProperties = Map.of();
    /** Set for a deployment this suite did not start (see {@link #running}). */
    private URI runningUri;

    private Deployment(Kind kind, String name, Map<String, String> extra, Backing backing) {
        this.kind = kind;
        this.name = name;
        this.backing = backing;
        shared.put("redis.uri", backing.redisUri());
        shared.put("community.cache.key-prefix", redis.prefix());
        shared.put("community.jwt.secret", SECRET);
        // The production bound of a Redis call is 100 ms; here up to five JVMs and other builds share
        // two cores, and a starved JVM misses 100 ms against a healthy Redis (then codes answer 503).
        // The suite checks the API, not that bound (common's ResilientCacheFaultIT does); a class
        // may set its own.
        shared.put("community.cache.timeout", "1s");
        shared.putAll(extra);
        userContext.put("community.mail.sink", "smtp");
        userContext.put("community.mail.smtp.host", "127.0.0.1");
        userContext.put("community.mail.smtp.port", String.valueOf(TestMailServer.port()));
        userContext.put("community.user.admin-emails", ADMIN_EMAIL);
        // every request of the suite comes from 127.0.0.1: per-address limits would stop the suite
        // itself; tests of those limits set them low through their extra properties
        for (String limit : new String[] {
            "community.user.code-max-sends-per-address-per-day", "community.user.login-max-failures-per-address"
        }) {
            userContext.put(limit, extra.getOrDefault(limit, "1000000"));
        }
    }

    /** The deployment this test run is about: system property {@code conformance.target}. */
    static Kind targetKind() {
        String target = System.getProperty("conformance.target", "monolith");
        return Kind.valueOf(target.toUpperCase());
    }

    static Deployment start(Kind kind, String name, Map<String, String> extra) {
        return start(kind, name, extra, Backing.shared());
    }

    /** A deployment on the given MariaDB server and Redis (e.g. private ones a test may kill). */
    static Deployment start(Kind kind, String name, Map<String, String> extra, Backing backing) {
        String running = System.getProperty("conformance." + kind.name().toLowerCase() + ".base-url", "");
        if (!running.isBlank()) {
            return running(kind, URI.create(running));
        }
        return kind == Kind.MONOLITH ? monolith(name, extra, backing) : cluster(name, extra, null, backing);
    }

    static Deployment monolith(String name, Map<String, String> extra) {
        return monolith(name, extra, Backing.shared());
    }

    private static Deployment monolith(String name, Map<String, String> extra, Backing backing) {
        Deployment d = new Deployment(Kind.MONOLITH, name, extra, backing);
        try {
            String url = backing.freshDatabaseUrl(name);
            for (Context c : Context.values()) {
                d.databases.put(c, url);
            }
            d.monolithProperties = merge(d.shared, d.userContext, d.database(url), managementPort());
            d.nodes.put(
                    "monolith", Node.start(name + "-monolith", monolithJar(), d.monolithProperties, Node.freePort()));
            d.awaitAll();
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /**
     * A deployment already running elsewhere, e.g. the images in containers
     * ({@code -Dconformance.monolith.base-url=...}, {@code -Dconformance.cluster.base-url=...}): only its
     * HTTP address is known, so only classes that speak plain HTTP to it apply. Its user context must
     * mail to this JVM's SMTP server on {@code conformance.smtp.port}.
     */
    static Deployment running(Kind kind, URI baseUri) {
        Deployment d = new Deployment(kind, "running", Map.of(), Backing.shared());
        d.runningUri = baseUri;
        return d;
    }

    /**
     * The three services and the gateway. With {@code etcdEndpoint} every process finds the others
     * through etcd (under a key prefix of its own, so deployments sharing an etcd never meet);
     * without it the gateway and the services get each other's static addresses.
     */
    static Deployment cluster(String name, Map<String, String> extra, String etcdEndpoint) {
        return cluster(name, extra, etcdEndpoint, Backing.shared());
    }

    private static Deployment cluster(String name, Map<String, String> extra, String etcdEndpoint, Backing backing) {
        return cluster(name, extra, etcdEndpoint, backing, (Map<Context, String>) null);
    }

    /**
     * The cluster with static addresses on databases that already hold data (e.g. split from a
     * monolith's database by the migrate tool), instead of fresh ones.
     */
    static Deployment clusterOn(String name, Map<Context, String> databases, Map<String, String> extra) {
        return cluster(name, extra, null, Backing.shared(), databases);
    }

    /**
     * The cluster with every service on one existing database, e.g. a monolith's ({@link #databaseUrl}):
     * the strangler's first phase, where traffic moves per context before any data does.
     */
    static Deployment clusterOn(String name, Map<String, String> extra, String etcdEndpoint, String databaseUrl) {
        Map<Context, String> all = new EnumMap<>(Context.class);
        for (Context c : Context.values()) {
            all.put(c, databaseUrl);
        }
        return cluster(name, extra, etcdEndpoint, Backing.shared(), all);
    }

    private static Deployment cluster(
            String name,
            Map<String, String> extra,
            String etcdEndpoint,
            Backing backing,
            Map<Context, String> existing) {
        Deployment d = new Deployment(Kind.CLUSTER, name, extra, backing);
        try {
            Map<String, String> wiring = new HashMap<>();
            wiring.put("community.cluster.internal-secret", INTERNAL_SECRET);
            if (etcdEndpoint != null) {
                wiring.put("community.etcd.endpoints", etcdEndpoint);
                wiring.put("community.etcd.key-prefix", "/community-test/" + name + "/services/");
            } else {
                for (String service : SERVICES) {
                    int port = Node.freePort();
                    d.grpcPorts.put(service, port);
                    wiring.put("community.backends." + service, "127.0.0.1:" + port);
                }
            }
            for (Context c : Context.values()) {
                d.databases.put(
                        c,
                        existing != null
                                ? existing.get(c)
                                : backing.freshDatabaseUrl(name + "_" + c.name().toLowerCase()));
            }
            d.serviceProperties.put(
                    "user", merge(d.shared, d.userContext, d.database(d.databases.get(Context.USER)), wiring));
            d.serviceProperties.put("relation", merge(d.shared, d.database(d.databases.get(Context.RELATION)), wiring));
            d.serviceProperties.put("creation", merge(d.shared, d.database(d.databases.get(Context.CREATION)), wiring));
            for (String service : SERVICES) {
                int grpc = d.grpcPorts.computeIfAbsent(service, s -> Node.freePort());
                d.nodes.put(service, d.startService(service, service, grpc));
            }
            // the gateway hears the user service's session revocations on the same Redis and prefix
            Map<String, String> events = Map.of(
                    "redis.uri",
                    d.shared.get("redis.uri"),
                    "community.cache.key-prefix",
                    d.shared.get("community.cache.key-prefix"));
            d.nodes.put(
                    "gateway",
                    Node.start(
                            name + "-gateway",
                            clusterJar("gateway"),
                            merge(wiring, events, extra, managementPort()),
                            Node.freePort()));
            d.awaitAll();
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    private Node startService(String service, String instance, int grpcPort) {
        Map<String, String> p = new HashMap<>(serviceProperties.get(service));
        p.put("grpc.server.port", String.valueOf(grpcPort));
        p.put("grpc.server.host", "127.0.0.1");
        return Node.start(name + "-" + instance, clusterJar(service), p, Node.freePort());
    }

    /** One more instance of a service (etcd deployments), started and ready; named {@code <service>-<n>}. */
    Node addInstance(String service) {
        String instance;
        synchronized (nodes) {
            int n = 2;
            while (nodes.containsKey(service + "-" + n)) {
                n++;
            }
            instance = service + "-" + n;
            nodes.put(instance, startService(service, instance, Node.freePort()));
        }
        Node node = nodes.get(instance);
        node.awaitReady(STARTUP);
        return node;
    }

    private void awaitAll() {
        // services first: the gateway is ready only when its backends are
        for (Node node : nodes()) {
            node.awaitReady(STARTUP);
        }
    }

    Kind kind() {
        return kind;
    }

    /** Where clients send API requests: the monolith, or the gateway. */
    URI baseUri() {
        return runningUri != null ? runningUri : entry().httpUri();
    }

    Node entry() {
        return node(kind == Kind.MONOLITH ? "monolith" : "gateway");
    }

    Node node(String name) {
        Node node = nodes.get(name);
        if (node == null) {
            throw new NoSuchElementException(name + " is not part of the " + kind + " deployment");
        }
        return node;
    }

    /** The static gRPC address of a cluster service's first instance. */
    String grpcTarget(String service) {
        Integer port = grpcPorts.get(service);
        if (port == null) {
            throw new NoSuchElementException(service + " has no gRPC port in the " + kind + " deployment");
        }
        return "127.0.0.1:" + port;
    }

    List<Node> nodes() {
        synchronized (nodes) {
            return new ArrayList<>(nodes.values());
        }
    }

    /** The JDBC URL of a context's database (the one database of the monolith for every context). */
    String databaseUrl(Context context) {
        return databases.get(context);
    }

    /**
     * Runs the monolith's jar as a command ({@code java -jar community-single.jar <args>}) with the
     * same configuration as the running monolith, and waits for it to exit.
     */
    Tool.Result runMonolithCommand(String logName, List<String> args) {
        if (kind != Kind.MONOLITH) {
            throw new IllegalStateException("only a monolith deployment has the monolith's jar");
        }
        return Tool.run(name + "-" + logName, monolithJar(), monolithProperties, args, Duration.ofMinutes(10));
    }

    Connection connect(Context context) throws SQLException {
        return DriverManager.getConnection(databases.get(context), backing.databaseUser(), backing.databasePassword());
    }

    @Override
    public void close() {
        // the entry point first, so no request reaches a backend that is going away
        List<Node> reversed = nodes();
        Collections.reverse(reversed);
        reversed.forEach(Node::close);
        redis.close();
    }

    /** A port of its own for the operational endpoints, instead of the launcher's default 8081. */
    private static Map<String, String> managementPort() {
        return Map.of(Node.MANAGEMENT_PORT, String.valueOf(Node.freePort()));
    }

    private Map<String, String> database(String url) {
        return Map.of(
                "datasources.default.url",
                url,
                "datasources.default.username",
                backing.databaseUser(),
                "datasources.default.password",
                backing.databasePassword());
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
        return Path.of(
                System.getProperty("conformance.monolith.jar", "../community-single/target/community-single.jar"));
    }

    private static Path clusterJar(String module) {
        return Path.of(
                System.getProperty("conformance.cluster.dir", "../community-cluster"),
                module,
                "target",
                module + ".jar");
    }
}
