package io.community.cluster.gateway;

import io.community.proto.v1.PostServiceGrpc;
import io.community.proto.v1.SummariesResponse;
import io.community.proto.v1.UserServiceGrpc;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's own figures: each gRPC call it makes, per method and status, tagged as the gateway;
 * and the state of its circuit breaker per backend.
 */
@MicronautTest
class GatewayMetricsTest extends GatewayOverFakesTest {
    @Override
    protected Map<String, String> settings() {
        return Map.of("community.backends.deadline", "5s", "community.metrics.instance", "gw-test:1");
    }

    @Test
    void grpcCallsMadeAndBreakersAreMeasured() {
        Fixtures.acceptTokens(backends);
        backends.answer(PostServiceGrpc.getGetMethod(), request -> Fixtures.post(request.getId(), 7, "hello"));
        backends.answer(
                UserServiceGrpc.getSummariesMethod(),
                request -> SummariesResponse.newBuilder()
                        .putSummaries(7, Fixtures.summary(7, "seven"))
                        .build());
        HttpResponse<String> response = Fixtures.get(server.getURI(), "/api/v1/post/5", "tok-42");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        String metrics = Fixtures.get(server.getURI(), "/metrics", null).body();
        assertThat(metrics)
                .containsPattern(
                        "grpc_client_processing_duration_seconds_count\\{grpc_service=\"community.v1.PostService\","
                                + "instance=\"gw-test:1\",method=\"Get\",methodType=\"UNARY\",service=\"community-gateway\",statusCode=\"OK\"} 1")
                .containsPattern(
                        "grpc_client_processing_duration_seconds_bucket\\{[^}]*method=\"Summaries\"[^}]*le=\"0.1\"}")
                .containsPattern(
                        "resilience4j_circuitbreaker_state\\{[^}]*name=\"creation\"[^}]*service=\"community-gateway\",state=\"closed\"} 1.0")
                .containsPattern(
                        "resilience4j_circuitbreaker_calls_seconds_count\\{[^}]*kind=\"successful\"[^}]*name=\"creation\"");
    }
}
