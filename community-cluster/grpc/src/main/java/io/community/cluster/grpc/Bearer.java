package io.community.cluster.grpc;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.grpc.Metadata;

/**
 * The bearer token as gRPC metadata: the {@code authorization} key with {@code Bearer <token>},
 * the same header value HTTP uses, so the gateway forwards it unchanged in meaning.
 */
public final class Bearer {
    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    public static final String PREFIX = "Bearer ";

    private Bearer() {}

    /** {@code Bearer <token>}. */
    public static String header(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        return PREFIX + token;
    }

    /** Sets the token, replacing any authorization value already present (never two). */
    public static void put(Metadata headers, String token) {
        String value = header(token);
        headers.discardAll(AUTHORIZATION);
        headers.put(AUTHORIZATION, value);
    }

    /**
     * The token of the request, with the monolith's AuthFilter rules and messages (so a rejection
     * reads the same through either): absent or blank → NOT_LOGGED_IN "missing bearer token";
     * another scheme → TOKEN_INVALID; otherwise the trimmed rest, possibly empty, for the
     * {@link Authenticator} to judge.
     */
    public static String require(Metadata headers) {
        String value = headers.get(AUTHORIZATION);
        if (value == null || value.isBlank()) {
            throw new DomainException(ErrorReason.NOT_LOGGED_IN, "missing bearer token");
        }
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new DomainException(ErrorReason.TOKEN_INVALID, "Authorization must be 'Bearer <token>'");
        }
        return value.substring(PREFIX.length()).trim();
    }
}
