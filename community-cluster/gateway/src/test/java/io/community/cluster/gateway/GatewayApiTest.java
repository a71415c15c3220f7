package io.community.cluster.gateway;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.error.FieldError;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.proto.v1.AuthenticateRequest;
import io.community.proto.v1.FollowingIdsRequest;
import io.community.proto.v1.FollowingIdsResponse;
import io.community.proto.v1.ListPostsByUsersRequest;
import io.community.proto.v1.LoginRequest;
import io.community.proto.v1.LoginResultMessage;
import io.community.proto.v1.PostPage;
import io.community.proto.v1.PostServiceGrpc;
import io.community.proto.v1.RelationCheckRequest;
import io.community.proto.v1.RelationCheckResponse;
import io.community.proto.v1.RelationServiceGrpc;
import io.community.proto.v1.SummariesResponse;
import io.community.proto.v1.UserServiceGrpc;
import io.community.web.envelope.HttpErrors;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static io.community.cluster.gateway.Json.number;
import static io.community.cluster.gateway.Json.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway on a random port in front of three real gRPC servers (test doubles of the services):
 * the token forwarding, the error envelope, the composition, and the operations endpoints.
 */
@MicronautTest
class GatewayApiTest extends GatewayOverFakesTest {
    @Override
    protected Map<String, String> settings() {
        return Map.of("community.backends.deadline", "5s");
    }

    @BeforeEach
    void reset() {
        backends.reset();
        Fixtures.acceptTokens(backends);
    }

    private URI base() {
        return server.getURI();
    }

    @Test
    void theCallerReachesEachBackendAsACallerTokenForItAndTheUsersTokenNever() {
        backends.answer(PostServiceGrpc.getGetMethod(), request -> Fixtures.post(request.getId(), 7, "hello"));
        backends.answer(
                UserServiceGrpc.getSummariesMethod(),
                request -> SummariesResponse.newBuilder()
                        .putSummaries(7, Fixtures.summary(7, "seven"))
                        .build());

        HttpResponse<String> response = Fixtures.get(base(), "/api/v1/post/5", "tok-42");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(number(response.body(), "data", "post", "id")).isEqualTo(5);
        assertThat(string(response.body(), "data", "post", "author", "nickName"))
                .isEqualTo("seven");
        // AuthFilter's session check carries the token in its request (a public RPC) ...
        assertThat(backends.calls(UserServiceGrpc.getAuthenticateMethod()))
                .singleElement()
                .satisfies(call -> {
                    assertThat(((AuthenticateRequest) call.request()).getToken())
                            .isEqualTo("tok-42");
                    assertThat(call.authorization()).isNull();
                });
        // ... every use-case call names the checked caller in a caller token for that service, which
        // the service verifies locally; the client's own token stays in the gateway
        assertThat(backends.calls(PostServiceGrpc.getGetMethod()))
                .singleElement()
                .satisfies(call -> assertThat(Fixtures.callerIn(call.authorization(), "creation"))
                        .isEqualTo(new Actor(42, Role.USER)));
        assertThat(backends.calls(UserServiceGrpc.getSummariesMethod()))
                .singleElement()
                .satisfies(call -> assertThat(Fixtures.callerIn(call.authorization(), "user"))
                        .isEqualTo(new Actor(42, Role.USER)));
        assertThat(backends.calls())
                .extracting(FakeBackends.Call::authorization)
                .noneMatch(a -> a != null && a.contains("tok-42"));
        // a token minted for one service is no caller at another
        String creationToken =
                backends.calls(PostServiceGrpc.getGetMethod()).get(0).authorization();
        assertThatThrownBy(() -> Fixtures.callerIn(creationToken, "relation")).isInstanceOf(DomainException.class);
    }

    @Test
    void concurrentRequestsEachForwardTheirOwnToken() {
        // the answer echoes the metadata it got, so a token leaking between requests (thread reuse
        // on the blocking executor) shows up as a wrong title
        backends.answer(
                PostServiceGrpc.getGetMethod(),
                request -> Fixtures.post(request.getId(), 1, FakeBackends.AUTHORIZATION.get()));
        backends.answer(UserServiceGrpc.getSummariesMethod(), request -> SummariesResponse.getDefaultInstance());

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            HttpRequest request = HttpRequest.newBuilder(base().resolve("/api/v1/post/" + i))
                    .header("Authorization", "Bearer tok-" + (1000 + i))
                    .GET()
                    .build();
            responses.add(Fixtures.HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 1; i <= 40; i++) {
            String body = responses.get(i - 1).join().body();
            assertThat(number(body, "data", "post", "id")).isEqualTo(i);
            assertThat(Fixtures.callerIn(string(body, "data", "post", "title"), "creation")
                            .userId())
                    .isEqualTo(1000 + i);
        }
    }

    static Stream<DomainException> backendErrors() {
        return Stream.of(
                new DomainException(ErrorReason.NOT_FOUND, "post not found"),
                new DomainException(
                        ErrorReason.INVALID_PARAMS,
                        "invalid parameters",
                        Map.of("hint", "x"),
                        List.of(
                                new FieldError("title", "must not be blank"),
                                new FieldError("limit", "must be less than or equal to 100"))),
                new DomainException(ErrorReason.CANNOT_FOLLOW_SELF),
                new DomainException(ErrorReason.FORBIDDEN, "not your post"),
                new DomainException(ErrorReason.CANNOT_COLLECT_OWN_POST),
                new DomainException(ErrorReason.ALREADY_EXISTS, "email already registered"),
                new DomainException(ErrorReason.TOO_MANY_REQUESTS, "try again later"),
                new DomainException(ErrorReason.NOT_LOGGED_IN, "missing bearer token"),
                new DomainException(ErrorReason.SERVICE_UNAVAILABLE),
                new DomainException(ErrorReason.DEADLINE_EXCEEDED),
                // internal text never reaches a client, through either deployment
                new DomainException(ErrorReason.INTERNAL_ERROR, "SQL error near 'SELECT * FROM user'"));
    }

    @ParameterizedTest
    @MethodSource("backendErrors")
    void aBackendErrorGivesTheMonolithsEnvelope(DomainException error) throws IOException {
        backends.answer(PostServiceGrpc.getGetMethod(), request -> {
            throw error;
        });

        HttpResponse<String> response = Fixtures.get(base(), "/api/v1/post/5", "tok-42");

        // what the monolith's exception handler writes for the same exception
        MutableHttpResponse<?> monolith = HttpErrors.response(error);
        assertThat(response.statusCode()).isEqualTo(monolith.code());
        assertThat(response.body()).isEqualTo(json.writeValueAsString(monolith.body()));
    }

    @Test
    void aRejectedTokenIsTheMonolithsRejectionAndReachesNoOtherBackend() throws IOException {
        HttpResponse<String> response = Fixtures.get(base(), "/api/v1/post/5", "forged");

        MutableHttpResponse<?> monolith = HttpErrors.response(new DomainException(ErrorReason.TOKEN_INVALID));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(json.writeValueAsString(monolith.body()));
        assertThat(backends.calls())
                .extracting(FakeBackends.Call::method)
                .containsExactly(UserServiceGrpc.getAuthenticateMethod().getFullMethodName());
    }

    @Test
    void badInputIsA400AndNeverReachesABackend() {
        HttpResponse<String> response =
                Fixtures.post(base(), "/api/v1/feed/list", "tok-42", "{\"page\":-1,\"limit\":500}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(number(response.body(), "code")).isEqualTo(10001);
        assertThat(backends.calls())
                .extracting(FakeBackends.Call::method)
                .containsExactly(UserServiceGrpc.getAuthenticateMethod().getFullMethodName());
    }

    @Test
    void theFeedIsComposedThroughTheClients() {
        backends.answer(
                RelationServiceGrpc.getFollowingIdsMethod(),
                request -> FollowingIdsResponse.newBuilder().addIds(8).addIds(7).build());
        backends.answer(
                PostServiceGrpc.getListByUsersMethod(),
                request -> PostPage.newBuilder()
                        .addItems(Fixtures.post(11, 8, "from eight"))
                        .addItems(Fixtures.post(10, 7, "from seven"))
                        .setTotal(2)
                        .build());
        // 8 is deleted: Summaries leaves it out, and the author becomes a placeholder
        backends.answer(
                UserServiceGrpc.getSummariesMethod(),
                request -> SummariesResponse.newBuilder()
                        .putSummaries(7, Fixtures.summary(7, "seven"))
                        .build());

        HttpResponse<String> response =
                Fixtures.post(base(), "/api/v1/feed/list", "tok-42", "{\"page\":0,\"limit\":10}");

        String body = response.body();
        assertThat(response.statusCode()).as(body).isEqualTo(200);
        assertThat(number(body, "data", "total")).isEqualTo(2);
        assertThat(number(body, "data", "posts", 0, "id")).isEqualTo(11);
        assertThat(Json.at(body, "data", "posts", 0, "author"))
                .isEqualTo(Map.of("id", 8, "name", "", "nickName", "", "avatar", ""));
        assertThat(number(body, "data", "posts", 1, "id")).isEqualTo(10);
        assertThat(Json.at(body, "data", "posts", 1, "author"))
                .isEqualTo(Map.of("id", 7, "name", "name7", "nickName", "seven", "avatar", "a7.png"));
        assertThat(number(body, "data", "posts", 1, "createdAt")).isEqualTo(1_700_000_000L);

        FollowingIdsRequest followed = (FollowingIdsRequest) backends.calls(RelationServiceGrpc.getFollowingIdsMethod())
                .get(0)
                .request();
        assertThat(followed.getUserId()).isEqualTo(42);
        assertThat(followed.getMax()).isEqualTo(2000);
        ListPostsByUsersRequest posts = (ListPostsByUsersRequest)
                backends.calls(PostServiceGrpc.getListByUsersMethod()).get(0).request();
        assertThat(posts.getUserIdsList()).containsExactly(8L, 7L);
        assertThat(posts.getPage().getPage()).isZero();
        assertThat(posts.getPage().getLimit()).isEqualTo(10);
        assertThat(backends.calls())
                .filteredOn(c -> !c.method().endsWith("/Authenticate"))
                .hasSize(3)
                .allSatisfy(c -> assertThat(Fixtures.callerIn(
                                        c.authorization(),
                                        c.method().contains("Relation")
                                                ? "relation"
                                                : c.method().contains("UserService") ? "user" : "creation")
                                .userId())
                        .isEqualTo(42));
    }

    @Test
    void theCheckResultKeepsTheRequestedOrder() {
        // the double answers in another order than asked; a proto map guarantees no order anyway
        Map<Long, Boolean> wire = new LinkedHashMap<>();
        wire.put(3L, true);
        wire.put(9L, false);
        wire.put(5L, true);
        backends.answer(
                RelationServiceGrpc.getCheckMethod(),
                request -> RelationCheckResponse.newBuilder().putAllResult(wire).build());

        HttpResponse<String> response =
                Fixtures.post(base(), "/api/v1/relation/check/list", "tok-42", "{\"uids\":[9,3,5]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"result\":{\"9\":0,\"3\":1,\"5\":1}");
        RelationCheckRequest sent = (RelationCheckRequest)
                backends.calls(RelationServiceGrpc.getCheckMethod()).get(0).request();
        assertThat(sent.getUidsList()).containsExactly(9L, 3L, 5L);
    }

    @Test
    void loginIsPublicAndSendsTheConnectionsAddress() {
        backends.answer(
                UserServiceGrpc.getLoginMethod(),
                request -> LoginResultMessage.newBuilder()
                        .setId(42)
                        .setToken("tok-42")
                        .build());

        HttpResponse<String> response = Fixtures.post(
                base(), "/api/v1/auth/login", null, "{\"email\":\"a@example.com\",\"password\":\"password1\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(number(response.body(), "data", "id")).isEqualTo(42);
        assertThat(string(response.body(), "data", "token")).isEqualTo("tok-42");
        assertThat(backends.calls()).singleElement().satisfies(call -> {
            LoginRequest sent = (LoginRequest) call.request();
            assertThat(sent.getEmail()).isEqualTo("a@example.com");
            assertThat(sent.getClientIp()).isEqualTo("127.0.0.1");
            assertThat(call.authorization()).isNull();
        });
    }

    @Test
    void operationsEndpointsAreTheMonolithsPlusTheBackendsReadiness() {
        HttpResponse<String> liveness = Fixtures.get(base(), "/health/liveness", null);
        assertThat(liveness.statusCode()).isEqualTo(200);

        HttpResponse<String> readiness = Fixtures.get(base(), "/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(string(readiness.body(), "status")).isEqualTo("UP");
        // details stay hidden by default on the public port, as in the monolith (no backend addresses)
        assertThat(readiness.body()).doesNotContain("backends").doesNotContain("127.0.0.1");

        HttpResponse<String> metrics = Fixtures.get(base(), "/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");

        HttpResponse<String> ui = Fixtures.get(base(), "/apis/swagger/index.html", null);
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
        HttpResponse<String> document = Fixtures.get(base(), "/swagger/community-1.0.yml", null);
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("/api/v1/feed/list");

        HttpResponse<String> codes = Fixtures.get(base(), "/codes", null);
        assertThat(codes.statusCode()).isEqualTo(200);
    }

    @Test
    void tokensNeverReachTheLog() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        try {
            backends.answer(PostServiceGrpc.getGetMethod(), request -> {
                throw new DomainException(ErrorReason.INTERNAL_ERROR, "boom");
            });
            backends.answer(
                    UserServiceGrpc.getLoginMethod(),
                    request -> LoginResultMessage.newBuilder()
                            .setId(42)
                            .setToken("tok-4242")
                            .build());
            Fixtures.get(base(), "/api/v1/post/5", "tok-4242");
            Fixtures.get(base(), "/api/v1/post/5", "forged-secret-token");
            Fixtures.get(base(), "/api/v1/user/1", "tok-4242"); // UNIMPLEMENTED in the double: a 500
            Fixtures.post(
                    base(),
                    "/api/v1/auth/login",
                    null,
                    "{\"email\":\"a@example.com\",\"password\":\"password-secret\"}");
        } finally {
            root.detachAppender(captured);
        }
        assertThat(captured.list)
                .allSatisfy(event -> assertThat(event.getFormattedMessage()
                                + (event.getThrowableProxy() == null
                                        ? ""
                                        : event.getThrowableProxy().getMessage()))
                        .doesNotContain("tok-4242")
                        .doesNotContain("forged-secret-token")
                        .doesNotContain("password-secret"));
    }
}
