package io.community.common.error;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only exception use cases throw on purpose. Transports translate it once (HTTP envelope,
 * gRPC status with ErrorInfo) and never look at the message to decide anything.
 */
public class DomainException extends RuntimeException {
    private final ErrorReason reason;
    private final transient Map<String, String> metadata;
    private final transient List<FieldError> fieldErrors;
    private final transient Duration retryAfter;

    public DomainException(
            ErrorReason reason, String message, Map<String, String> metadata, List<FieldError> fieldErrors) {
        this(reason, message, metadata, fieldErrors, null);
    }

    /** @param retryAfter when the caller may try again (HTTP {@code Retry-After}, gRPC {@code RetryInfo}); may be null */
    public DomainException(
            ErrorReason reason,
            String message,
            Map<String, String> metadata,
            List<FieldError> fieldErrors,
            Duration retryAfter) {
        super(message == null ? reason.defaultMessage() : message, null, false, false);
        this.reason = reason;
        this.metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        this.fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
        this.retryAfter = retryAfter;
    }

    public DomainException(ErrorReason reason, String message) {
        this(reason, message, Map.of(), List.of());
    }

    public DomainException(ErrorReason reason) {
        this(reason, null);
    }

    public static DomainException invalidField(String field, String message) {
        return new DomainException(
                ErrorReason.INVALID_PARAMS, field + ": " + message, Map.of(), List.of(new FieldError(field, message)));
    }

    public static DomainException notFound(String what) {
        return new DomainException(ErrorReason.NOT_FOUND, what + " not found");
    }

    public static DomainException forbidden(String message) {
        return new DomainException(ErrorReason.FORBIDDEN, message);
    }

    /** 429: a limit was hit; the caller may try again after {@code retryAfter}. */
    public static DomainException tooManyRequests(String message, Duration retryAfter) {
        return new DomainException(ErrorReason.TOO_MANY_REQUESTS, message, Map.of(), List.of(), retryAfter);
    }

    /** 503: a dependency is down; the caller may try again after {@code retryAfter}. */
    public static DomainException unavailable(String message, Duration retryAfter) {
        return new DomainException(ErrorReason.SERVICE_UNAVAILABLE, message, Map.of(), List.of(), retryAfter);
    }

    public ErrorReason reason() {
        return reason;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
