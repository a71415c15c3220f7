package io.community.conformance;

import io.community.cluster.discovery.FreePorts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One runnable jar of the project as a separate process, the way an operator starts it
 * ({@code java -jar}), configured with system properties, its output kept in a log file.
 */
final class Node implements AutoCloseable {
    /** The property that gives the monolith and the gateway their management port. */
    static final String MANAGEMENT_PORT = "endpoints.all.port";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final int httpPort;
    private final int managementPort;

    private Node(String name, Process process, Path log, int httpPort, int managementPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    static Node start(String name, Path jar, Map<String, String> properties, int httpPort) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: build the jars first (./mvnw -B verify runs package before these tests)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // small and quick to start: these JVMs serve a test, not a benchmark
        command.addAll(List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
        command.add("-Dmicronaut.server.port=" + httpPort);
        command.add("-Dmicronaut.server.host=127.0.0.1");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Path logs = Path.of(System.getProperty("conformance.logs", "target/deployment-logs"));
            Files.createDirectories(logs);
            Path log = logs.resolve(name + ".log");
            Path workdir = Files.createDirectories(logs.resolve(name + ".work"));
            Process process = new ProcessBuilder(command)
                    .directory(workdir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            // a test JVM that dies must not leave services running
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            // the monolith and the gateway serve metrics on endpoints.all.port; a service's HTTP port is its management
            // port
            int management = properties.containsKey(MANAGEMENT_PORT)
                    ? Integer.parseInt(properties.get(MANAGEMENT_PORT))
                    : httpPort;
            return new Node(name, process, log, httpPort, management);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    static int freePort() {
        return FreePorts.next();
    }

    String name() {
        return name;
    }

    URI httpUri() {
        return URI.create("http://127.0.0.1:" + httpPort + "/");
    }

    /** Where /metrics (and health) are: the management port of the monolith or the gateway, a service's HTTP port. */
    URI managementUri() {
        return URI.create("http://127.0.0.1:" + managementPort + "/");
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits until {@code /health/readiness} answers 200; fails with the log's tail if the process dies or times out. */
    void awaitReady(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(httpUri().resolve("/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + tail());
    }

    /** SIGTERM, as an orchestrator stops it; SIGKILL if it does not stop in time. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: a crash, with no chance to deregister or drain. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
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
