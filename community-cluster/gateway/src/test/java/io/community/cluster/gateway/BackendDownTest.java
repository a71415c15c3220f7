package io.community.cluster.gateway;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.proto.v1.PostServiceGrpc;
import io.community.proto.v1.RelationCountMessage;
import io.community.proto.v1.RelationServiceGrpc;
import io.community.web.envelope.HttpErrors;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backends going away, one after the other, with a long deadline: a stopped backend is a 503 at
 * once (no waiting for the deadline), the other backends keep answering, and readiness follows
 * the backends it requires (by default only the user service).
 */
@MicronautTest
class BackendDownTest extends GatewayOverFakesTest {
    /** Far longer than "fast": a 503 that waited for the deadline would fail the timing checks. */
    private static final long DEADLINE_MS = 5000;

    private static final long FAST_MS = 1000;

    @Override
    protected Map<String, String> settings() {
        return Map.of("community.backends.deadline", DEADLINE_MS + "ms");
    }

    @Test
    void stoppedBackendsAreFast503sWhileTheOthersStillAnswer() throws IOException {
        Fixtures.acceptTokens(backends);
        backends.answer(PostServiceGrpc.getGetMethod(), request -> Fixtures.post(request.getId(), 7, "hello"));
        backends.answer(
                io.community.proto.v1.UserServiceGrpc.getSummariesMethod(),
                request -> io.community.proto.v1.SummariesResponse.getDefaultInstance());
        backends.answer(
                RelationServiceGrpc.getCountMethod(),
                request -> RelationCountMessage.newBuilder()
                        .setFollowingNum(1)
                        .setFollowerNum(2)
                        .build());
        String unavailable =
                json.writeValueAsString(HttpErrors.response(new DomainException(ErrorReason.SERVICE_UNAVAILABLE))
                        .body());

        // all up; the channel to creation is connected before it goes away
        assertThat(Fixtures.get(server.getURI(), "/api/v1/post/5", "tok-42").statusCode())
                .isEqualTo(200);

        backends.creation.stop();

        for (int attempt = 0; attempt < 3; attempt++) { // reconnecting, then in connect backoff: both fast
            long start = System.nanoTime();
            HttpResponse<String> post = Fixtures.get(server.getURI(), "/api/v1/post/5", "tok-42");
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(post.statusCode()).isEqualTo(503);
            assertThat(post.body()).isEqualTo(unavailable);
            assertThat(elapsedMs).as("503 without waiting for the deadline").isLessThan(FAST_MS);
        }
        HttpResponse<String> count = Fixtures.get(server.getURI(), "/api/v1/relation/count?userId=7", "tok-42");
        assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
        // creation is not required: the gateway stays in rotation for everything else
        assertThat(Fixtures.get(server.getURI(), "/health/readiness", null).statusCode())
                .isEqualTo(200);

        backends.user.stop();

        long start = System.nanoTime();
        HttpResponse<String> noSession = Fixtures.get(server.getURI(), "/api/v1/relation/count?userId=7", "tok-42");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(noSession.statusCode()).isEqualTo(503);
        assertThat(noSession.body()).isEqualTo(unavailable);
        assertThat(elapsedMs).isLessThan(FAST_MS);

        HttpResponse<String> readiness = Fixtures.get(server.getURI(), "/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(Json.string(readiness.body(), "status")).isEqualTo("DOWN");
        // the process itself is fine: nobody should restart it for a backend's outage
        assertThat(Fixtures.get(server.getURI(), "/health/liveness", null).statusCode())
                .isEqualTo(200);
    }
}
