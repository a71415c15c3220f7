package io.community.common.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server of a test's own ({@code mariadb-install-db} + {@code mariadbd} from the
 * machine's packages), on a port of its own under a temporary data directory, for fault
 * injection: {@link #pause()} (SIGSTOP: connections hang), {@link #resume()} (SIGCONT),
 * {@link #kill()} (SIGKILL: connections refused) and {@link #restart()} on the same data. Never the
 * shared MariaDB. Root without password, from 127.0.0.1 only.
 */
public final class PrivateMariaDb implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private Process process;

    private PrivateMariaDb(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Installs a fresh data directory and starts the server; returns once it accepts connections. */
    public static PrivateMariaDb start() {
        try {
            Path dir = Files.createTempDirectory("private-mariadb-");
            run(
                    List.of(
                            "mariadb-install-db",
                            "--no-defaults",
                            "--user=root",
                            "--datadir=" + dir.resolve("data"),
                            "--auth-root-authentication-method=normal",
                            "--skip-test-db"),
                    dir.resolve("install.log"));
            PrivateMariaDb db = new PrivateMariaDb(dir, freePort());
            db.launch();
            return db;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot start a private MariaDB (apt package mariadb-server): " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** A JDBC URL of {@code database} on this server, created if missing. */
    public String url(String database) {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + database.replace("`", "")
                    + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create " + database + " on the private MariaDB: " + e.getMessage(), e);
        }
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** SIGSTOP: the port stays open, nothing answers. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        signal("CONT");
    }

    /** SIGKILL, as a crash: connections reset, the port refuses. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the server again on the same port and data (after {@link #kill()}). */
    public void restart() {
        kill();
        launch();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            resume(); // a stopped process ignores nothing but SIGKILL, but be tidy
            kill();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    private void launch() {
        try {
            process = new ProcessBuilder(
                            "mariadbd",
                            "--no-defaults",
                            "--user=root",
                            "--datadir=" + dir.resolve("data"),
                            "--port=" + port,
                            "--socket=" + dir.resolve("sock"),
                            "--pid-file=" + dir.resolve("pid"),
                            "--bind-address=127.0.0.1",
                            "--skip-name-resolve",
                            "--skip-log-bin",
                            "--innodb-buffer-pool-size=32M")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("mariadbd.log").toFile()))
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run mariadbd: " + e.getMessage(), e);
        }
        long end = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "mariadbd exited with " + process.exitValue() + "; see " + dir.resolve("mariadbd.log"));
            }
            try (Connection c = DriverManager.getConnection(
                    "jdbc:mariadb://127.0.0.1:" + port + "/?connectTimeout=1000", "root", "")) {
                return;
            } catch (SQLException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException(
                "mariadbd not ready within " + STARTUP + "; see " + dir.resolve("mariadbd.log"));
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Below Linux's ephemeral range, as the cluster tests' FreePorts does, so no outgoing connection takes it meanwhile. */
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
