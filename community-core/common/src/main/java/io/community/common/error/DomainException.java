package io.community.common.error;

import java.util.List;
import java.util.Map;

/**
 * The only exception use cases throw on purpose. Transports translate it once (HTTP envelope,
 * gRPC status with ErrorInfo) and never look at the message to decide anything.
 */
public class DomainException extends RuntimeException {
    private final ErrorReason reason;
    private final transient Map<String, String> metadata;
    private final transient List<FieldError> fieldErrors;

    public DomainException(ErrorReason reason, String message, Map<String, String> metadata,
                           List<FieldError> fieldErrors) {
        super(message == null ? reason.defaultMessage() : message, null, false, false);
        this.reason = reason;
        this.metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        this.fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
    }

    public DomainException(ErrorReason reason, String message) {
        this(reason, message, Map.of(), List.of());
    }

    public DomainException(ErrorReason reason) {
        this(reason, null);
    }

    public static DomainException invalidField(String field, String message) {
        return new DomainException(ErrorReason.INVALID_PARAMS, field + ": " + message, Map.of(),
                List.of(new FieldError(field, message)));
    }

    public static DomainException notFound(String what) {
        return new DomainException(ErrorReason.NOT_FOUND, what + " not found");
    }

    public static DomainException forbidden(String message) {
        return new DomainException(ErrorReason.FORBIDDEN, message);
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
}
