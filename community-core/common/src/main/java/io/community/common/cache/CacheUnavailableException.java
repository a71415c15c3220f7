package io.community.common.cache;

import java.time.Duration;

/**
 * The cache cannot answer now: a call failed or timed out, or the circuit breaker is open and the
 * call was not even tried. Callers that can live without the cache fall back (reads go to the
 * database); {@link #retryAfter()} is a hint for callers that cannot (e.g. a 503's Retry-After).
 */
public class CacheUnavailableException extends RuntimeException {
    private final transient Duration retryAfter;

    public CacheUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
