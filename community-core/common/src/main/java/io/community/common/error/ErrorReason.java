package io.community.common.error;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every error the API can answer with: a stable reason name (it travels as
 * {@code google.rpc.ErrorInfo.reason} in the cluster), a category and the public numeric code.
 * Generic codes and business codes keep the numbers of the Go reference so its clients keep working.
 */
public enum ErrorReason {
    // generic
    INVALID_PARAMS(10001, ErrorCategory.INVALID_ARGUMENT, "invalid parameters"),
    UNAUTHORIZED(10002, ErrorCategory.UNAUTHENTICATED, "unauthorized"),
    INTERNAL_ERROR(10003, ErrorCategory.INTERNAL, "internal server error"),
    NOT_FOUND(10004, ErrorCategory.NOT_FOUND, "not found"),
    ALREADY_EXISTS(10005, ErrorCategory.ALREADY_EXISTS, "already exists"),
    TOO_MANY_REQUESTS(10007, ErrorCategory.RESOURCE_EXHAUSTED, "too many requests"),
    FORBIDDEN(10008, ErrorCategory.PERMISSION_DENIED, "forbidden"),
    DEADLINE_EXCEEDED(10010, ErrorCategory.DEADLINE_EXCEEDED, "deadline exceeded"),
    METHOD_NOT_ALLOWED(10012, ErrorCategory.INVALID_ARGUMENT, "method not allowed"),
    SERVICE_UNAVAILABLE(10013, ErrorCategory.UNAVAILABLE, "service unavailable"),

    // creation
    CANNOT_COLLECT_OWN_POST(20101, ErrorCategory.PERMISSION_DENIED, "cannot collect your own post"),
    CANNOT_REPLY_TO_REPLY(20210, ErrorCategory.INVALID_ARGUMENT, "cannot reply to a reply"),
    BAD_POST_TYPE(20411, ErrorCategory.INVALID_ARGUMENT, "bad post type or no content"),
    IMAGES_AND_VIDEO(20412, ErrorCategory.INVALID_ARGUMENT, "images and video cannot be posted together"),
    INCOMPLETE_VIDEO(20413, ErrorCategory.INVALID_ARGUMENT, "incomplete video parameters"),
    // relation
    CANNOT_FOLLOW_SELF(20506, ErrorCategory.INVALID_ARGUMENT, "cannot follow yourself"),
    // user
    EMAIL_CODE_INVALID(20610, ErrorCategory.INVALID_ARGUMENT, "verification code wrong or expired"),
    LOGIN_FAILED(20611, ErrorCategory.UNAUTHENTICATED, "email or password wrong"),
    TOKEN_INVALID(20612, ErrorCategory.UNAUTHENTICATED, "token verification failed"),
    NOT_LOGGED_IN(20615, ErrorCategory.UNAUTHENTICATED, "not logged in");

    /** The domain of {@code google.rpc.ErrorInfo}; identifies who defines these reasons. */
    public static final String DOMAIN = "community.io";

    private final int code;
    private final ErrorCategory category;
    private final String defaultMessage;

    ErrorReason(int code, ErrorCategory category, String defaultMessage) {
        this.code = code;
        this.category = category;
        this.defaultMessage = defaultMessage;
    }

    public int code() {
        return code;
    }

    public ErrorCategory category() {
        return category;
    }

    public String defaultMessage() {
        return defaultMessage;
    }

    public static Optional<ErrorReason> byName(String name) {
        return Arrays.stream(values()).filter(r -> r.name().equals(name)).findFirst();
    }
}
