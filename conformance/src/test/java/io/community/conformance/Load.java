package io.community.conformance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * Steady HTTP load from a few client threads, each sending one request after another and recording
 * when it finished and whether it succeeded (200), so a test can count failures in a time window.
 */
final class Load implements AutoCloseable {
    record Result(long atNanos, int status, String body, long tookNanos) {
        boolean ok() {
            return status == 200;
        }

        Duration took() {
            return Duration.ofNanos(tookNanos);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    /** {@code request.apply(n)} gives the n-th request of a thread; threads start at once. */
    Load(int threadCount, IntFunction<HttpRequest> request) {
        for (int t = 0; t < threadCount; t++) {
            Thread thread = new Thread(
                    () -> {
                        int n = 0;
                        while (running.get()) {
                            HttpRequest next = request.apply(n++);
                            long start = System.nanoTime();
                            int status;
                            String body;
                            try {
                                HttpResponse<String> response = http.send(next, HttpResponse.BodyHandlers.ofString());
                                status = response.statusCode();
                                // kept for the successes too: a test may read what was acknowledged
                                body = response.body();
                            } catch (Exception e) {
                                status = -1;
                                body = e.toString();
                            }
                            long now = System.nanoTime();
                            results.add(new Result(now, status, body, now - start));
                        }
                    },
                    "load-" + t);
            thread.start();
            threads.add(thread);
        }
    }

    static HttpRequest get(URI uri, String token) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .build();
    }

    static HttpRequest post(URI uri, String token, String json) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    /** Results that finished in [from, to) (System.nanoTime values). */
    List<Result> between(long from, long to) {
        return results.stream()
                .filter(r -> r.atNanos() >= from && r.atNanos() < to)
                .toList();
    }

    List<Result> all() {
        return List.copyOf(results);
    }

    static long failures(List<Result> results) {
        return results.stream().filter(r -> !r.ok()).count();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(15_000);
        }
    }
}
