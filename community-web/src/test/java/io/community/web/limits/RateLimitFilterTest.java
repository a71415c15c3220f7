package io.community.web.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.community.web.testing.Http;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-client token buckets without Redis: per user when authenticated, per address otherwise, per route group. */
@MicronautTest
@Property(name = "community.rate-limits.enabled", value = "true")
@Property(name = "community.rate-limits.read-capacity", value = "2")
@Property(name = "community.rate-limits.read-period", value = "1h")
@Property(name = "community.rate-limits.auth-capacity", value = "1")
@Property(name = "community.rate-limits.auth-period", value = "1m")
class RateLimitFilterTest {
    static final String LOGIN = "{\"email\":\"alice@example.com\",\"password\":\"password-1\"}";

    @Inject
    EmbeddedServer server;

    @Test
    void aUserOverItsRateGets429WithRetryAfterWhileAnotherUserAndOtherGroupsAreUnaffected() throws Exception {
        Http http = new Http(server);
        assertThat(http.send("GET", "/api/v1/user/1", "alice", null, null).status())
                .isEqualTo(200);
        assertThat(http.send("GET", "/api/v1/user/2", "alice", null, null).status())
                .isEqualTo(200);

        Http.Answer refused = http.send("GET", "/api/v1/user/1", "alice", null, null);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(new ObjectMapper().readTree(refused.body()).get("code").asInt())
                .isEqualTo(10007);
        // 2 per hour: the next token is about half an hour away
        long retryAfter =
                Long.parseLong(refused.raw().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1700L, 1800L);

        // same address, another user: a bucket of its own
        assertThat(http.send("GET", "/api/v1/user/1", "bob", null, null).status())
                .isEqualTo(200);
        // same user, another group (write): not limited here
        assertThat(http.send("POST", "/api/v1/auth/logout", "alice", "{}", "application/json")
                        .status())
                .isNotEqualTo(429);
    }

    @Test
    void anonymousRequestsAreCountedPerClientAddress() {
        Http http = new Http(server);
        assertThat(http.json("POST", "/api/v1/auth/login", null, LOGIN).status())
                .isEqualTo(200);
        // the header is not trusted from this connection: still the same client
        Http.Answer refused = http.send(
                "POST", "/api/v1/auth/login", null, LOGIN, "application/json", "X-Forwarded-For", "198.51.100.1");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
    }
}
