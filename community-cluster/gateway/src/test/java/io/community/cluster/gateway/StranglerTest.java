package io.community.cluster.gateway;

import com.sun.net.httpserver.HttpServer;
import io.community.proto.v1.RelationCountMessage;
import io.community.proto.v1.RelationServiceGrpc;
import io.community.proto.v1.UserServiceGrpc;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strangler routing over a monolith double (a plain HTTP server that records what it received):
 * creation is routed to the monolith, relation is frozen, user is served by the cluster.
 */
@MicronautTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StranglerTest extends GatewayOverFakesTest {
    record Received(
            String method,
            String pathAndQuery,
            String body,
            String authorization,
            String forwardedFor,
            String requestId,
            String host) {}

    private HttpServer monolith;
    private final AtomicReference<Received> received = new AtomicReference<>();

    @Override
    protected Map<String, String> settings() {
        try {
            monolith = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        monolith.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = exchange.getRequestHeaders();
            received.set(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    body,
                    h.getFirst("Authorization"),
                    h.getFirst("X-Forwarded-For"),
                    h.getFirst("X-Request-Id"),
                    h.getFirst("Host")));
            byte[] answer =
                    "{\"code\":10005,\"msg\":\"from the monolith\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Monolith", "yes");
            exchange.getResponseHeaders().add("X-Request-Id", "the-monolith-s-own");
            exchange.sendResponseHeaders(404, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        monolith.start();
        return Map.of(
                "community.strangler.monolith-url",
                "http://127.0.0.1:" + monolith.getAddress().getPort(),
                "community.strangler.routes.creation",
                "monolith",
                "community.strangler.frozen",
                "relation",
                "community.strangler.retry-after",
                "7s");
    }

    @AfterAll
    void stopMonolith() {
        monolith.stop(0);
    }

    @Test
    @Order(1)
    void aRoutedContextIsProxiedAsItIsAndAuthenticatedByTheMonolith() {
        backends.reset();
        HttpResponse<String> answer = Fixtures.post(
                server.getURI(),
                "/api/v1/comment/latest/list?x=1&y=%C3%A9",
                "any-token-the-monolith-checks",
                "{\"postId\":5,\"page\":0}");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"code\":10005,\"msg\":\"from the monolith\",\"data\":{}}");
        assertThat(answer.headers().firstValue("X-Monolith")).hasValue("yes");
        // one request id: the gateway's, which the monolith was given
        assertThat(answer.headers().allValues("X-Request-Id")).hasSize(1);
        Received r = received.get();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.pathAndQuery()).isEqualTo("/api/v1/comment/latest/list?x=1&y=%C3%A9");
        assertThat(r.body()).isEqualTo("{\"postId\":5,\"page\":0}");
        assertThat(r.authorization()).isEqualTo("Bearer any-token-the-monolith-checks");
        assertThat(r.forwardedFor()).isEqualTo("127.0.0.1");
        assertThat(r.requestId())
                .isEqualTo(answer.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(r.host()).isEqualTo("127.0.0.1:" + monolith.getAddress().getPort());
        // the gateway neither checked the token nor called a service
        assertThat(backends.calls()).isEmpty();

        // the collection's own path (a create) belongs to it too
        Fixtures.post(server.getURI(), "/api/v1/post", "t", "{\"title\":\"x\"}");
        assertThat(received.get().pathAndQuery()).isEqualTo("/api/v1/post");
        assertThat(received.get().body()).isEqualTo("{\"title\":\"x\"}");
        assertThat(backends.calls()).isEmpty();

        Fixtures.get(server.getURI(), "/api/v1/feed?page=0&limit=10", "t");
        assertThat(received.get().pathAndQuery()).isEqualTo("/api/v1/feed?page=0&limit=10");
        assertThat(received.get().method()).isEqualTo("GET");
    }

    @Test
    @Order(2)
    void aFrozenContextRefusesWritesWithRetryAfterAndServesReads() throws Exception {
        backends.reset();
        Fixtures.acceptTokens(backends);
        backends.answer(
                RelationServiceGrpc.getCountMethod(),
                request -> RelationCountMessage.newBuilder()
                        .setFollowingNum(1)
                        .setFollowerNum(2)
                        .build());

        HttpResponse<String> follow =
                Fixtures.post(server.getURI(), "/api/v1/relation/follow", "tok-7", "{\"userId\":7,\"followedUid\":8}");
        assertThat(follow.statusCode()).isEqualTo(503);
        assertThat(json.readValue(follow.body(), Map.class))
                .containsEntry("code", 10013)
                .containsEntry("data", Map.of());
        assertThat(follow.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(backends.calls())
                .as("refused before authentication and any backend")
                .isEmpty();
        // a path outside the contexts (the prefix alone is not enough)
        assertThat(Fixtures.post(server.getURI(), "/api/v1/relationx", "tok-7", "{}")
                        .statusCode())
                .isEqualTo(404);

        HttpResponse<String> count = Fixtures.get(server.getURI(), "/api/v1/relation/count?userId=7", "tok-7");
        assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
        assertThat(backends.calls(RelationServiceGrpc.getCountMethod())).hasSize(1);
        // a list read by POST is a read
        HttpResponse<String> check =
                Fixtures.post(server.getURI(), "/api/v1/relation/check/list", "tok-7", "{\"userId\":7,\"uids\":[8]}");
        assertThat(check.statusCode()).isNotEqualTo(503);
        // the user context is neither frozen nor routed away
        assertThat(backends.calls(UserServiceGrpc.getAuthenticateMethod())).isNotEmpty();
    }

    @Test
    @Order(3)
    void anUnreachableMonolithIsAFast503Envelope() throws Exception {
        monolith.stop(0);
        HttpResponse<String> answer = Fixtures.get(server.getURI(), "/api/v1/post/5", "t");
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(json.readValue(answer.body(), Map.class)).containsEntry("code", 10013);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
    }
}
