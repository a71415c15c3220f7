package io.community.web.auth;

import io.community.common.identity.Actor;
import io.community.web.testing.Calls;
import io.community.web.testing.FakeUsers;
import io.community.web.testing.Http;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who the caller is: every /api request but the three public ones needs a bearer token of a live session. */
@MicronautTest
class AuthFilterTest {
    @Inject
    EmbeddedServer server;

    @Inject
    Calls calls;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(server);
        calls.reset();
    }

    private Http.Answer follow(String... authorization) {
        return http.send(
                "POST", "/api/v1/relation/follow", null, "{\"followedUid\":2}", "application/json", authorization);
    }

    @Test
    void noTokenIsNotLoggedIn() {
        Http.Answer answer = follow();

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo("{\"code\":20615,\"msg\":\"missing bearer token\",\"data\":{}}");
        assertThat(calls.methods()).as("the use case is never reached").isEmpty();
    }

    @Test
    void anotherSchemeOrAnUnknownTokenIsAnInvalidToken() {
        Http.Answer basic = follow("Authorization", "Basic YWxpY2U6eA==");
        Http.Answer unknown = follow("Authorization", "Bearer mallory");

        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.body()).contains("\"code\":20612").contains("Bearer <token>");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).contains("\"code\":20612");
        assertThat(calls.methods()).isEmpty();
    }

    @Test
    void theUseCaseGetsTheTokensSubjectAsTheActor() {
        // the scheme is case-insensitive (RFC 9110)
        Http.Answer answer = follow("Authorization", "bearer bob");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"code\":0,\"msg\":\"ok\",\"data\":{}}");
        Actor actor = calls.last("follow").orElseThrow().arg(Actor.class);
        assertThat(actor.userId()).isEqualTo(FakeUsers.BOB);
    }

    @Test
    void theThreePublicEndpointsAndWhatIsNotUnderApiNeedNoToken() {
        Http.Answer login = http.json(
                "POST", "/api/v1/auth/login", null, "{\"email\":\"alice@example.com\",\"password\":\"secret-1\"}");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.body()).contains("\"token\":\"alice\"");
        assertThat(http.json(
                                "POST",
                                "/api/v1/auth/register",
                                null,
                                "{\"email\":\"new@example.com\",\"emailCode\":\"123456\",\"password\":\"secret-12\"}")
                        .status())
                .isEqualTo(200);
        assertThat(http.send("GET", "/codes", null, null, null).status()).isEqualTo(200);
        // logout is not public
        assertThat(http.json("POST", "/api/v1/auth/logout", null, "{}").status())
                .isEqualTo(401);
    }
}
