package io.community.monitoring.limits;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code community.limits.*}: the adaptive concurrency limit of this process's entry point (the
 * HTTP API of the monolith and the gateway, the gRPC server of a service). Requests beyond the
 * current limit are answered at once (503 / 10013, or RESOURCE_EXHAUSTED on gRPC) with
 * {@code Retry-After}. The defaults admit at least {@link #minLimit} requests at once whatever the
 * latency does, so ordinary bursts (the suite sends 50 requests at once) are never refused.
 * Values can be applied at run time with {@link ConcurrencyLimiter#reconfigure}.
 */
@ConfigurationProperties("community.limits")
public class ConcurrencyLimitProperties {
    /**
     * How the limit is found: Netflix concurrency-limits' Gradient2 (adapts to latency, never below
     * {@code min-limit}), or a fixed number. (Vegas is left out: it has no floor, and a floor is what
     * keeps ordinary bursts from being refused.)
     */
    public enum Algorithm {
        GRADIENT2,
        FIXED
    }

    private boolean enabled = true;
    private Algorithm algorithm = Algorithm.GRADIENT2;
    /** The limit at start; the limit itself for {@code FIXED}. */
    private int initialLimit = 100;
    /** The adaptive limit never goes below this. */
    private int minLimit = 64;
    /** ...nor above this. */
    private int maxLimit = 1000;
    /** Gradient2: how much slower than the long-term latency requests may get before the limit shrinks (2.0 = twice). */
    private double rttTolerance = 2.0;
    /** What a refused caller is told to wait ({@code Retry-After}, gRPC RetryInfo). */
    private Duration retryAfter = Duration.ofSeconds(1);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Algorithm getAlgorithm() {
        return algorithm;
    }

    public void setAlgorithm(Algorithm algorithm) {
        if (algorithm == null) {
            throw new IllegalArgumentException("community.limits.algorithm must be one of gradient2, fixed");
        }
        this.algorithm = algorithm;
    }

    public int getInitialLimit() {
        return initialLimit;
    }

    public void setInitialLimit(int initialLimit) {
        this.initialLimit = atLeastOne(initialLimit, "community.limits.initial-limit");
    }

    public int getMinLimit() {
        return minLimit;
    }

    public void setMinLimit(int minLimit) {
        this.minLimit = atLeastOne(minLimit, "community.limits.min-limit");
    }

    public int getMaxLimit() {
        return maxLimit;
    }

    public void setMaxLimit(int maxLimit) {
        this.maxLimit = atLeastOne(maxLimit, "community.limits.max-limit");
    }

    public double getRttTolerance() {
        return rttTolerance;
    }

    public void setRttTolerance(double rttTolerance) {
        if (!(rttTolerance >= 1.0)) {
            throw new IllegalArgumentException("community.limits.rtt-tolerance must be at least 1.0: " + rttTolerance);
        }
        this.rttTolerance = rttTolerance;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("community.limits.retry-after must be positive: " + retryAfter);
        }
        this.retryAfter = retryAfter;
    }

    /** Refuses settings that contradict each other; called before they are applied. */
    public void validate() {
        if (minLimit > maxLimit) {
            throw new IllegalArgumentException("community.limits.min-limit (" + minLimit
                    + ") must not exceed community.limits.max-limit (" + maxLimit + ")");
        }
        if (algorithm != Algorithm.FIXED && (initialLimit < minLimit || initialLimit > maxLimit)) {
            throw new IllegalArgumentException("community.limits.initial-limit (" + initialLimit
                    + ") must lie within min-limit and max-limit (" + minLimit + ".." + maxLimit + ")");
        }
    }

    /** A copy, so a limiter keeps the values it was built with while the bean is rebound. */
    public ConcurrencyLimitProperties copy() {
        ConcurrencyLimitProperties c = new ConcurrencyLimitProperties();
        c.enabled = enabled;
        c.algorithm = algorithm;
        c.initialLimit = initialLimit;
        c.minLimit = minLimit;
        c.maxLimit = maxLimit;
        c.rttTolerance = rttTolerance;
        c.retryAfter = retryAfter;
        return c;
    }

    private static int atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "ConcurrencyLimitProperties{enabled=" + enabled + ", algorithm=" + algorithm + ", initialLimit="
                + initialLimit + ", minLimit=" + minLimit + ", maxLimit=" + maxLimit + ", rttTolerance="
                + rttTolerance + ", retryAfter=" + retryAfter + "}";
    }
}
