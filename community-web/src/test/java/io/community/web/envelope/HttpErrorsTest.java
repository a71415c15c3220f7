package io.community.web.envelope;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HttpErrorsTest {

    @Test
    void limitsAndOutagesSayWhenToRetry() {
        var limited = HttpErrors.response(DomainException.tooManyRequests("slow down", Duration.ofMillis(90_001)));
        var down = HttpErrors.response(DomainException.unavailable("database unavailable", null));
        var unexplained = HttpErrors.response(new DomainException(ErrorReason.TOO_MANY_REQUESTS));

        assertThat(limited.code()).isEqualTo(429);
        assertThat(limited.getHeaders().get("Retry-After")).isEqualTo("91");
        assertThat(down.code()).isEqualTo(503);
        assertThat(down.getHeaders().get("Retry-After")).isEqualTo("1");
        assertThat(unexplained.getHeaders().get("Retry-After")).isEqualTo("1");
    }

    @Test
    void otherErrorsCarryNoRetryAfter() {
        var notFound = HttpErrors.response(DomainException.notFound("post"));

        assertThat(notFound.getHeaders().get("Retry-After")).isNull();
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        assertThat(HttpErrors.retryAfterSeconds(Duration.ZERO)).isEqualTo("1");
        assertThat(HttpErrors.retryAfterSeconds(Duration.ofMillis(1000))).isEqualTo("1");
        assertThat(HttpErrors.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo("2");
    }
}
