package io.community.common.error;

/**
 * Transport-neutral error categories. Each transport maps a category once: HTTP to a status,
 * gRPC to a canonical status code. The names follow gRPC's canonical codes on purpose.
 */
public enum ErrorCategory {
    INVALID_ARGUMENT,
    UNAUTHENTICATED,
    PERMISSION_DENIED,
    NOT_FOUND,
    ALREADY_EXISTS,
    FAILED_PRECONDITION,
    RESOURCE_EXHAUSTED,
    UNAVAILABLE,
    DEADLINE_EXCEEDED,
    INTERNAL
}
