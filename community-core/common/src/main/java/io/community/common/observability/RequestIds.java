package io.community.common.observability;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id every log line of a request carries ({@code request_id} in the MDC): taken from the
 * caller's {@code X-Request-Id} when it is safe to log (1..64 characters of letters, digits and
 * {@code . _ - : /}; no spaces, quotes or control characters that could forge a log line), otherwise
 * generated. The gateway passes it to the services as {@code x-request-id} gRPC metadata.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    public static final int MAX_LENGTH = 64;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:/-]{1," + MAX_LENGTH + "}");

    private RequestIds() {}

    /** The caller's id when it is acceptable, else null. */
    public static String acceptable(String candidate) {
        return candidate != null && SAFE.matcher(candidate).matches() ? candidate : null;
    }

    /** The caller's id when it is acceptable, else a new random one. */
    public static String acceptOrGenerate(String candidate) {
        String accepted = acceptable(candidate);
        return accepted != null ? accepted : UUID.randomUUID().toString();
    }
}
