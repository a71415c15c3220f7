package io.community.common.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Where the real MariaDB and Redis for adapter and endpoint tests are. Order of preference:
 * an explicit URL from the environment, the service on its standard local port, a Testcontainers
 * container when a Docker engine answers; otherwise the test fails and says what to start.
 *
 * <ul>
 *   <li>{@code COMMUNITY_TEST_MARIADB_URL} (default {@code jdbc:mariadb://127.0.0.1:3306/}),
 *       {@code COMMUNITY_TEST_MARIADB_USER} (root), {@code COMMUNITY_TEST_MARIADB_PASSWORD} (empty)</li>
 *   <li>{@code COMMUNITY_TEST_REDIS_URI} (default {@code redis://127.0.0.1:6379})</li>
 *   <li>{@code COMMUNITY_TEST_DB_PREFIX} (default empty): put before every test database's name, so two
 *       checkouts can run their tests on one MariaDB at the same time</li>
 * </ul>
 */
public final class TestServices {
    private static final String HINT = " Start it (see .ci/run), point the variable at one, or run a Docker engine.";
    private static String mariaDbBase;
    private static String mariaDbUser;
    private static String mariaDbPassword;
    private static String redisUri;

    private TestServices() {}

    /** A JDBC URL of a database with that name on the test MariaDB, created if missing. */
    public static synchronized String mariaDbUrl(String database) {
        resolveMariaDb();
        database = prefixed(database);
        try (Connection c = DriverManager.getConnection(mariaDbBase, mariaDbUser, mariaDbPassword);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + database.replace("`", "")
                    + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + database + ": " + e.getMessage(), e);
        }
        return mariaDbBase + database;
    }

    /** Drops and re-creates the database, for tests that need an empty schema. */
    public static synchronized String freshMariaDbUrl(String database) {
        resolveMariaDb();
        String name = prefixed(database);
        try (Connection c = DriverManager.getConnection(mariaDbBase, mariaDbUser, mariaDbPassword);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name.replace("`", "") + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + database + ": " + e.getMessage(), e);
        }
        return mariaDbUrl(database);
    }

    private static String prefixed(String database) {
        String prefix = env("COMMUNITY_TEST_DB_PREFIX", "");
        return prefix + database;
    }

    public static synchronized String mariaDbUser() {
        resolveMariaDb();
        return mariaDbUser;
    }

    public static synchronized String mariaDbPassword() {
        resolveMariaDb();
        return mariaDbPassword;
    }

    /** Micronaut properties that put the default data source on a fresh test database. */
    public static Map<String, Object> mariaDbProperties(String database) {
        return Map.of(
                "datasources.default.url", freshMariaDbUrl(database),
                "datasources.default.username", mariaDbUser(),
                "datasources.default.password", mariaDbPassword());
    }

    public static synchronized String redisUri() {
        if (redisUri != null) {
            return redisUri;
        }
        String configured = env("COMMUNITY_TEST_REDIS_URI", "redis://127.0.0.1:6379");
        URI uri = URI.create(configured);
        if (reachable(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())) {
            redisUri = configured;
        } else if (dockerAvailable()) {
            GenericContainer<?> redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
            redis.start();
            redisUri = "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
        } else {
            throw new IllegalStateException("No Redis at " + configured + " (COMMUNITY_TEST_REDIS_URI)." + HINT);
        }
        return redisUri;
    }

    private static void resolveMariaDb() {
        if (mariaDbBase != null) {
            return;
        }
        String url = env("COMMUNITY_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");
        String user = env("COMMUNITY_TEST_MARIADB_USER", "root");
        String password = env("COMMUNITY_TEST_MARIADB_PASSWORD", "");
        URI uri = URI.create(url.substring("jdbc:".length()));
        if (reachable(uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort())) {
            mariaDbBase = url.endsWith("/") ? url : url + "/";
            mariaDbUser = user;
            mariaDbPassword = password;
        } else if (dockerAvailable()) {
            GenericContainer<?> db = new GenericContainer<>("mariadb:10.11")
                    .withEnv("MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "1")
                    .withExposedPorts(3306);
            db.start();
            mariaDbBase = "jdbc:mariadb://" + db.getHost() + ":" + db.getMappedPort(3306) + "/";
            mariaDbUser = "root";
            mariaDbPassword = "";
        } else {
            throw new IllegalStateException("No MariaDB at " + url + " (COMMUNITY_TEST_MARIADB_URL)." + HINT);
        }
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
