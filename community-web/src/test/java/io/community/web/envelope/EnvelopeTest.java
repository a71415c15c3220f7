package io.community.web.envelope;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.web.testing.Calls;
import io.community.web.testing.Http;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Every answer is {code, msg, data}: successes, domain errors, framework errors and surprises alike. */
@MicronautTest
class EnvelopeTest {
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

    private Http.Answer count() {
        return http.send("GET", "/api/v1/relation/count?userId=5", "alice", null, null);
    }

    @Test
    void aDomainErrorIsItsCategorysStatusWithItsCodeAndMessage() {
        calls.answer("count", c -> {
            throw DomainException.notFound("user");
        });
        Http.Answer notFound = count();
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.body()).startsWith("{\"code\":10004,\"msg\":\"").endsWith("\",\"data\":{}}");

        calls.answer("count", c -> {
            throw new DomainException(ErrorReason.CANNOT_FOLLOW_SELF);
        });
        assertThat(count().status()).isEqualTo(400);
        assertThat(count().body()).contains("\"code\":20506");
    }

    @Test
    void limitsAndOutagesSayWhenToRetryInWholeSeconds() {
        calls.answer("count", c -> {
            throw DomainException.tooManyRequests("slow down", Duration.ofMillis(1500));
        });
        Http.Answer limited = count();
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.raw().headers().firstValue("Retry-After")).hasValue("2");
        assertThat(limited.body()).contains("\"code\":10007").contains("slow down");

        calls.answer("count", c -> {
            throw DomainException.unavailable("cache down", null);
        });
        Http.Answer unavailable = count();
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.raw().headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void aDependencyThatIsDownIs503AndItsTextStaysInside() {
        calls.answer("count", c -> {
            throw new IllegalStateException(
                    "wrapped", new SQLTransientConnectionException("pool db-secret-host timed out"));
        });
        Http.Answer answer = count();

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).contains("\"code\":10013").doesNotContain("db-secret-host");
        assertThat(answer.raw().headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void anythingElseIsA500WithoutDetails() {
        calls.answer("count", c -> {
            throw new IllegalStateException("SELECT password FROM user");
        });
        Http.Answer answer = count();

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).isEqualTo("{\"code\":10003,\"msg\":\"internal server error\",\"data\":{}}");
    }

    @Test
    void frameworkErrorsGetTheEnvelopeToo() {
        Http.Answer noRoute = http.send("GET", "/api/v1/nothing-here", "alice", null, null);
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.body()).isEqualTo("{\"code\":10004,\"msg\":\"not found\",\"data\":{}}");

        Http.Answer wrongMethod = http.send("GET", "/api/v1/relation/follow", "alice", null, null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.body()).contains("\"code\":10012");
    }

    @Test
    void bodyValidationNamesEveryFieldInOrder() {
        Http.Answer answer = http.json("POST", "/api/v1/like", "alice", "{}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body())
                .contains("\"code\":10001")
                .contains("\"errors\":[{\"field\":\"objId\",\"message\":\"must not be null\"},"
                        + "{\"field\":\"objType\",\"message\":\"must not be null\"}]");
        assertThat(calls.methods()).isEmpty();
    }
}
