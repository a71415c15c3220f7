package io.community.conformance;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-client rate limits through the real deployment (buckets shared through the suite's Redis):
 * a user over its read rate gets 429 / 10007 with Retry-After while another user from the same
 * address is served.
 */
class RateLimitIT extends ConformanceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "community.rate-limits.enabled",
                "true",
                "community.rate-limits.read-capacity",
                "5",
                "community.rate-limits.read-period",
                "1h",
                // every request of the suite comes from 127.0.0.1: the auth group stays roomy
                "community.rate-limits.auth-capacity",
                "1000");
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfterWhileAnotherClientIsUnaffected() {
        Session greedy = newUser("greedy");
        Session other = newUser("other");
        String path = "/api/v1/user/" + greedy.id();
        for (int i = 0; i < 5; i++) {
            assertOk(api.get(path, greedy.token()));
        }
        Api.Answer refused = api.get(path, greedy.token());
        assertError(refused, 429, 10007);
        long retryAfter = Long.parseLong(
                refused.response().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter)
                .as("5 per hour: the next token is about 12 minutes away")
                .isBetween(600L, 720L);

        assertOk(api.get(path, other.token()));
        // writes have a bucket of their own
        assertThat(api.post("/api/v1/user/list", greedy.token(), Map.of("page", 0, "limit", 10))
                        .status())
                .isNotEqualTo(429);
    }
}
