package io.community.cluster.gateway;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.proto.v1.PostServiceGrpc;
import io.community.proto.v1.RelationCountMessage;
import io.community.proto.v1.RelationServiceGrpc;
import io.community.proto.v1.UserServiceGrpc;
import io.community.web.envelope.HttpErrors;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** community.backends.deadline bounds every backend call: a slow backend is a 504 envelope, in time. */
@MicronautTest
class DeadlineTest extends GatewayOverFakesTest {
    private static final long DEADLINE_MS = 300;
    private static final long MARGIN_MS = 1000; // generous: a loaded 2-core CI machine; the backend sleeps 3 s

    @Override
    protected Map<String, String> settings() {
        return Map.of("community.backends.deadline", DEADLINE_MS + "ms");
    }

    @BeforeEach
    void reset() {
        backends.reset();
        Fixtures.acceptTokens(backends);
    }

    @Test
    void aSlowBackendIsA504WithinTheDeadline() throws IOException {
        backends.answer(PostServiceGrpc.getGetMethod(), request -> {
            sleep(3000);
            return Fixtures.post(request.getId(), 1, "too late");
        });

        long start = System.nanoTime();
        HttpResponse<String> response = Fixtures.get(server.getURI(), "/api/v1/post/5", "tok-42");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body())
                .isEqualTo(
                        json.writeValueAsString(HttpErrors.response(new DomainException(ErrorReason.DEADLINE_EXCEEDED))
                                .body()));
        assertThat(elapsedMs).isBetween(DEADLINE_MS, DEADLINE_MS + MARGIN_MS);
    }

    @Test
    void aSlowSessionCheckIsA504Too() {
        backends.answer(UserServiceGrpc.getAuthenticateMethod(), request -> {
            sleep(3000);
            throw new DomainException(ErrorReason.TOKEN_INVALID);
        });

        long start = System.nanoTime();
        HttpResponse<String> response = Fixtures.get(server.getURI(), "/api/v1/relation/count?userId=7", "tok-42");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(Json.number(response.body(), "code")).isEqualTo(10010);
        assertThat(elapsedMs).isLessThan(DEADLINE_MS + MARGIN_MS);
    }

    @Test
    void callsWithinTheDeadlineAreUnaffected() {
        backends.answer(RelationServiceGrpc.getCountMethod(), request -> {
            sleep(50);
            return RelationCountMessage.newBuilder()
                    .setFollowingNum(3)
                    .setFollowerNum(4)
                    .build();
        });

        HttpResponse<String> response = Fixtures.get(server.getURI(), "/api/v1/relation/count?userId=7", "tok-42");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo("{\"code\":0,\"msg\":\"ok\",\"data\":{\"followingNum\":3,\"followerNum\":4}}");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
