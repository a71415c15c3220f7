package io.community.conformance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code mariadbd} and {@code redis-server} on ports of their own, for the fault-injection
 * suite: a test pauses, kills and restarts them by PID without touching the machine's shared
 * servers. MariaDB keeps its data directory across a restart (a crash, then recovery); Redis keeps
 * nothing (a restart is an empty cache, as with {@code --save '' --appendonly no} in production).
 */
final class PrivateServers implements Backing, AutoCloseable {
    private static final Duration START = Duration.ofSeconds(30);

    private final Path dir;
    private final int mariaDbPort = Node.freePort();
    private final int redisPort = Node.freePort();
    private PrivateProcess mariaDb;
    private PrivateProcess redis;

    private PrivateServers(Path dir) {
        this.dir = dir;
    }

    static PrivateServers start(String name) {
        try {
            Path logs = Path.of(System.getProperty("conformance.logs", "target/deployment-logs"));
            Path dir = Files.createDirectories(logs.resolve(name + ".servers"));
            PrivateServers servers = new PrivateServers(dir);
            servers.installMariaDb();
            servers.startMariaDb();
            servers.startRedis();
            return servers;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    PrivateProcess mariaDb() {
        return mariaDb;
    }

    PrivateProcess redis() {
        return redis;
    }

    /** Starts MariaDB again on the same data directory and port (after {@code mariaDb().kill()}). */
    void restartMariaDb() {
        startMariaDb();
    }

    /** Starts an empty Redis again on the same port (after {@code redis().kill()}). */
    void restartRedis() {
        startRedis();
    }

    @Override
    public String freshDatabaseUrl(String name) {
        try (Connection c = DriverManager.getConnection(baseUrl(), databaseUser(), databasePassword());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
            s.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + name + " on the private MariaDB", e);
        }
        return baseUrl() + name;
    }

    @Override
    public String databaseUser() {
        return "root";
    }

    @Override
    public String databasePassword() {
        return "";
    }

    @Override
    public String redisUri() {
        return "redis://127.0.0.1:" + redisPort;
    }

    @Override
    public void close() {
        for (PrivateProcess p : new PrivateProcess[] {redis, mariaDb}) {
            if (p != null && p.alive()) {
                p.kill();
            }
        }
    }

    private String baseUrl() {
        return "jdbc:mariadb://127.0.0.1:" + mariaDbPort + "/";
    }

    private void installMariaDb() {
        Path data = dir.resolve("mariadb");
        PrivateProcess install = PrivateProcess.start("mariadb-install-db", dir.resolve("mariadb-install.log"),
                List.of("mariadb-install-db", "--no-defaults", "--datadir=" + data, "--user=root",
                        "--auth-root-authentication-method=normal", "--skip-test-db"));
        long end = System.nanoTime() + START.toNanos();
        while (install.alive() && System.nanoTime() < end) {
            sleep(100);
        }
        if (install.alive() || !Files.isDirectory(data.resolve("mysql"))) {
            throw new IllegalStateException("mariadb-install-db failed:\n" + install.tail());
        }
    }

    private void startMariaDb() {
        Path data = dir.resolve("mariadb");
        mariaDb = PrivateProcess.start("mariadbd", dir.resolve("mariadbd.log"),
                List.of("mariadbd", "--no-defaults", "--user=root", "--datadir=" + data,
                        "--port=" + mariaDbPort, "--socket=" + dir.resolve("mariadb.sock"),
                        "--bind-address=127.0.0.1", "--skip-log-bin", "--innodb-buffer-pool-size=64M",
                        "--max-connections=300"));
        awaitPort(mariaDb, mariaDbPort);
        // listening comes a moment before accepting logins
        long end = System.nanoTime() + START.toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(baseUrl(), databaseUser(), databasePassword())) {
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("private MariaDB refuses logins:\n" + mariaDb.tail(), e);
                }
                sleep(100);
            }
        }
    }

    private void startRedis() {
        redis = PrivateProcess.start("redis-server", dir.resolve("redis.log"),
                List.of("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        awaitPort(redis, redisPort);
    }

    private static void awaitPort(PrivateProcess process, int port) {
        long end = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < end) {
            if (!process.alive()) {
                throw new IllegalStateException("exited at start:\n" + process.tail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                sleep(100);
            }
        }
        throw new IllegalStateException("not listening on " + port + " within " + START + ":\n" + process.tail());
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
