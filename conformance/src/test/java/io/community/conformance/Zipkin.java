package io.community.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Zipkin server (the exec jar that the pom copies from Maven Central into target/zipkin) on a
 * free port with in-memory storage, and the few queries a test needs.
 */
final class Zipkin implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(180);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final int port;
    private final Path log;

    private Zipkin(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static Zipkin start() {
        Path jar = Path.of(System.getProperty("conformance.zipkin.jar", "target/zipkin/zipkin-server-3.6.1-exec.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: ./mvnw verify copies it (maven-dependency-plugin, pre-integration-test)");
        }
        int port = Node.freePort();
        try {
            Path logs =
                    Files.createDirectories(Path.of(System.getProperty("conformance.logs", "target/deployment-logs")));
            Path log = logs.resolve("zipkin-" + port + ".log");
            ProcessBuilder builder = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx256m",
                            "-XX:+UseSerialGC",
                            "-XX:TieredStopAtLevel=1",
                            "-jar",
                            jar.toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("QUERY_PORT", String.valueOf(port));
            builder.environment().put("STORAGE_TYPE", "mem");
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            Zipkin zipkin = new Zipkin(process, port, log);
            zipkin.awaitHealthy();
            return zipkin;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Zipkin", e);
        }
    }

    /** Where the applications send spans ({@code otel.exporter.zipkin.endpoint}). */
    String spansEndpoint() {
        return "http://127.0.0.1:" + port + "/api/v2/spans";
    }

    /** The spans of one trace, as Zipkin's JSON v2; empty while Zipkin has none. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> trace(String traceId) {
        String body = get("/api/v2/trace/" + traceId);
        if (body == null) {
            return List.of();
        }
        try {
            return json.readValue(body, List.class);
        } catch (IOException e) {
            throw new IllegalStateException(body, e);
        }
    }

    /** The traces Zipkin finds for a service and span name (lower case, as Zipkin stores names). */
    @SuppressWarnings("unchecked")
    List<List<Map<String, Object>>> traces(String serviceName, String spanName) {
        String query = "/api/v2/traces?limit=100&lookback=3600000&serviceName=" + enc(serviceName) + "&spanName="
                + enc(spanName);
        String body = get(query);
        try {
            return body == null ? List.of() : json.readValue(body, List.class);
        } catch (IOException e) {
            throw new IllegalStateException(body, e);
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private String get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitHealthy() {
        long end = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Zipkin exited with " + process.exitValue() + ", see " + log);
            }
            String health = get("/health");
            if (health != null && health.contains("UP")) {
                return;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("Zipkin not healthy within " + STARTUP + ", see " + log);
    }

    @Override
    public void close() {
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

    static List<String> serviceNames(List<Map<String, Object>> spans) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> span : spans) {
            names.add(serviceName(span));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static String serviceName(Map<String, Object> span) {
        Object endpoint = span.get("localEndpoint");
        return endpoint instanceof Map<?, ?> m ? String.valueOf(((Map<String, Object>) m).get("serviceName")) : "?";
    }
}
