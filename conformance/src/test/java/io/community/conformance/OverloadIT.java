package io.community.conformance;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded overload: every process runs with a fixed concurrency limit of 2 and gets 30 requests
 * at once on a real endpoint that touches every process (the feed: in the cluster the gateway
 * calls the relation, creation and user services). Every refusal is the documented envelope (503 /
 * 10013 with Retry-After), nothing else fails, no process ever ran more requests than its limit
 * (the most requests in flight each admitted request saw, from the limiter's metric), and once the
 * burst is over requests are admitted again.
 */
class OverloadIT extends ConformanceTest {
    private static final int LIMIT = 2;
    private static final int CLIENTS = 30;

    @Override
    protected Map<String, String> extraProperties() {
        // the gateway and (in the cluster) every service
        return Map.of("community.limits.algorithm", "fixed", "community.limits.initial-limit", String.valueOf(LIMIT));
    }

    @Test
    void overTheLimitRequestsAreRefusedWithTheEnvelopeAndNoProcessRunsMoreThanItsLimit() throws Exception {
        Session user = newUser("overload");
        Session author = newUser("author");
        assertOk(api.post("/api/v1/post", author.token(), Map.of("title", "hello", "text", "feed me")));
        assertOk(api.post("/api/v1/relation/follow", user.token(), Map.of("followedUid", author.id())));
        String path = "/api/v1/feed/list";
        Map<String, Object> page = Map.of("page", 0, "limit", 10);
        int refused = 0;
        int ok = 0;
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int round = 0; round < 5 && refused == 0; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Api.Answer>> answers = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return api.post(path, user.token(), page);
                    }));
                }
                go.countDown();
                for (Future<Api.Answer> f : answers) {
                    Api.Answer answer = f.get(60, TimeUnit.SECONDS);
                    if (answer.status() == 200) {
                        ok++;
                        continue;
                    }
                    refused++;
                    assertError(answer, 503, 10013);
                    assertThat(answer.response().headers().firstValue("Retry-After"))
                            .as(answer.toString())
                            .hasValue("1");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(refused)
                .as("requests refused with %d clients against a limit of %d", CLIENTS, LIMIT)
                .isPositive();
        assertThat(ok).as("requests served").isPositive();

        for (Node node : deployment.nodes()) {
            String metrics =
                    new Api(node.managementUri(), json).get("/metrics", null).raw();
            double mostInFlight = metric(metrics, "community_limits_admitted_inflight_max");
            assertThat(mostInFlight)
                    .as("most requests in flight on %s", node.name())
                    .isBetween(1.0, (double) LIMIT);
        }
        double rejectedAtEntry = metric(
                new Api(deployment.entry().managementUri(), json)
                        .get("/metrics", null)
                        .raw(),
                "community_limits_rejected_total");
        assertThat(rejectedAtEntry).isPositive();

        // the burst is over: admitted again
        assertOk(api.post(path, user.token(), page));
    }

    /** The value of the one sample of {@code name} (any tags) in Prometheus text. */
    private static double metric(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError(name + " not found in the metrics");
    }
}
