package io.community.cluster.discovery;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private etcd server for one test (Debian's {@code etcd} binary, {@code apt-get install
 * etcd-server}; .ci/run installs it) on free loopback ports, with its own data directory, so a test
 * may stop and restart it without disturbing others. Data survives a restart, as with a real one.
 */
public final class EtcdProcess implements AutoCloseable {
    private final Path dataDir;
    private final int clientPort;
    private final int peerPort;
    private final String clientScheme;
    private final List<String> extraArgs;
    private Process process;

    private EtcdProcess(Path dataDir, int clientPort, int peerPort, String clientScheme, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
        this.clientScheme = clientScheme;
        this.extraArgs = extraArgs;
    }

    public static EtcdProcess start() {
        return start("http", List.of());
    }

    /** With {@code https}, {@code extraArgs} must name the server's {@code --cert-file} and {@code --key-file}. */
    public static EtcdProcess start(String clientScheme, List<String> extraArgs) {
        try {
            EtcdProcess etcd = new EtcdProcess(
                    Files.createTempDirectory("etcd-test"),
                    freePort(),
                    freePort(),
                    clientScheme,
                    List.copyOf(extraArgs));
            etcd.resume();
            return etcd;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String endpoint() {
        return clientScheme + "://127.0.0.1:" + clientPort;
    }

    /** Starts (again) on the same ports and data. */
    public synchronized void resume() {
        String binary = System.getenv().getOrDefault("ETCD_BINARY", "etcd");
        String client = endpoint();
        String peer = "http://127.0.0.1:" + peerPort;
        List<String> command = new ArrayList<>(List.of(
                binary,
                "--name",
                "t",
                "--data-dir",
                dataDir.toString(),
                "--listen-client-urls",
                client,
                "--advertise-client-urls",
                client,
                "--listen-peer-urls",
                peer,
                "--initial-advertise-peer-urls",
                peer,
                "--initial-cluster",
                "t=" + peer));
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + ".log")
                            .toFile())
                    .start();
            Process started = process;
            // a test JVM that dies must not leave etcd running
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run '" + binary + "': install etcd (apt-get install etcd-server) or set ETCD_BINARY", e);
        }
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("etcd exited with " + process.exitValue());
            }
            try (Socket ignored = new Socket("127.0.0.1", clientPort)) {
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException("etcd did not listen on " + clientPort);
    }

    /** SIGTERM, waiting until it is gone. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory
        }
    }

    private static int freePort() {
        return FreePorts.next();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
