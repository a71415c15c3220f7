package io.community.web.envelope;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorCategory;
import io.community.common.error.ErrorReason;
import io.community.common.error.FieldError;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The one place where error categories become HTTP statuses. */
public final class HttpErrors {
    private HttpErrors() {}

    public static HttpStatus status(ErrorCategory category) {
        return switch (category) {
            case INVALID_ARGUMENT, FAILED_PRECONDITION -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ALREADY_EXISTS -> HttpStatus.CONFLICT;
            case RESOURCE_EXHAUSTED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case DEADLINE_EXCEEDED -> HttpStatus.GATEWAY_TIMEOUT;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /** The generic reason for a status the framework produced on its own (no route, bad body, ...). */
    public static ErrorReason reasonFor(HttpStatus status) {
        return switch (status) {
            case UNAUTHORIZED -> ErrorReason.UNAUTHORIZED;
            case FORBIDDEN -> ErrorReason.FORBIDDEN;
            case NOT_FOUND -> ErrorReason.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ErrorReason.METHOD_NOT_ALLOWED;
            case CONFLICT -> ErrorReason.ALREADY_EXISTS;
            case TOO_MANY_REQUESTS -> ErrorReason.TOO_MANY_REQUESTS;
            case SERVICE_UNAVAILABLE -> ErrorReason.SERVICE_UNAVAILABLE;
            case GATEWAY_TIMEOUT -> ErrorReason.DEADLINE_EXCEEDED;
            default -> status.getCode() >= 500 ? ErrorReason.INTERNAL_ERROR : ErrorReason.INVALID_PARAMS;
        };
    }

    /** Said when a 429 or 503 does not know better: soon, but not at once. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    public static MutableHttpResponse<Envelope<Object>> response(DomainException e) {
        ErrorReason reason = e.reason();
        Object data = e.fieldErrors().isEmpty() ? Map.of() : Map.of("errors", e.fieldErrors());
        // Internal details never reach the client: 5xx answers carry only the reason's fixed text.
        String message = reason.category() == ErrorCategory.INTERNAL ? reason.defaultMessage() : e.getMessage();
        MutableHttpResponse<Envelope<Object>> response = HttpResponse.<Envelope<Object>>status(
                        status(reason.category()))
                .body(Envelope.error(reason, message, data));
        if (reason.category() == ErrorCategory.RESOURCE_EXHAUSTED || reason.category() == ErrorCategory.UNAVAILABLE) {
            response.header("Retry-After", retryAfterSeconds(e.retryAfter().orElse(DEFAULT_RETRY_AFTER)));
        }
        return response;
    }

    /** Whole seconds, rounded up and at least 1: a client told 0 would retry at once. */
    static String retryAfterSeconds(Duration retryAfter) {
        long millis = Math.max(1, retryAfter.toMillis());
        return Long.toString((millis + 999) / 1000);
    }

    public static MutableHttpResponse<Envelope<Object>> invalid(List<FieldError> errors) {
        return response(new DomainException(ErrorReason.INVALID_PARAMS, "invalid parameters", Map.of(), errors));
    }
}
