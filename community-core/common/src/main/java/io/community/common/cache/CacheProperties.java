package io.community.common.cache;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code community.cache.*}: how entries are named, how long misses are remembered, and how long
 * Redis may take before the cache counts as down (the bound and the circuit breaker apply to Redis
 * only; the in-process cache cannot be down).
 */
@ConfigurationProperties("community.cache")
public class CacheProperties {
    /** Prepended to every Redis key, so that several deployments can share one Redis. */
    private String keyPrefix = "community:";
    /** How long "this id does not exist" is cached; short, since the row may be created soon. */
    private Duration negativeTtl = Duration.ofSeconds(30);
    /** Relative TTL spread (0.1 = ±10 %), so entries written together do not expire together. */
    private double jitter = 0.1;
    /** Bound of every Redis command; after it the call fails and the request goes on without the cache. */
    private Duration timeout = Duration.ofMillis(100);
    /** Bound of opening a connection to Redis (Lettuce's default is 10 s). */
    private Duration connectTimeout = Duration.ofSeconds(1);
    /** The breaker opens when at least this percentage of the last {@code breakerWindow} calls failed... */
    private float breakerFailureRate = 50;

    private int breakerWindow = 20;
    /** ...and at least this many calls were made. */
    private int breakerMinimumCalls = 5;
    /** How long the breaker stays open before a few calls probe Redis again. */
    private Duration breakerOpenWait = Duration.ofSeconds(2);
    /** Undelivered evictions remembered for retry; beyond this, further ones are only logged (bounded by their TTL). */
    private int maxPendingEvictions = 100_000;

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public Duration getNegativeTtl() {
        return negativeTtl;
    }

    public void setNegativeTtl(Duration negativeTtl) {
        this.negativeTtl = negativeTtl;
    }

    public double getJitter() {
        return jitter;
    }

    public void setJitter(double jitter) {
        this.jitter = jitter;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = positive(timeout, "community.cache.timeout");
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive(connectTimeout, "community.cache.connect-timeout");
    }

    public float getBreakerFailureRate() {
        return breakerFailureRate;
    }

    public void setBreakerFailureRate(float breakerFailureRate) {
        if (!(breakerFailureRate > 0 && breakerFailureRate <= 100)) {
            throw new IllegalArgumentException(
                    "community.cache.breaker-failure-rate must be in (0, 100]: " + breakerFailureRate);
        }
        this.breakerFailureRate = breakerFailureRate;
    }

    public int getBreakerWindow() {
        return breakerWindow;
    }

    public void setBreakerWindow(int breakerWindow) {
        if (breakerWindow < 1) {
            throw new IllegalArgumentException("community.cache.breaker-window must be at least 1: " + breakerWindow);
        }
        this.breakerWindow = breakerWindow;
    }

    public int getBreakerMinimumCalls() {
        return breakerMinimumCalls;
    }

    public void setBreakerMinimumCalls(int breakerMinimumCalls) {
        if (breakerMinimumCalls < 1) {
            throw new IllegalArgumentException(
                    "community.cache.breaker-minimum-calls must be at least 1: " + breakerMinimumCalls);
        }
        this.breakerMinimumCalls = breakerMinimumCalls;
    }

    public Duration getBreakerOpenWait() {
        return breakerOpenWait;
    }

    public void setBreakerOpenWait(Duration breakerOpenWait) {
        this.breakerOpenWait = positive(breakerOpenWait, "community.cache.breaker-open-wait");
    }

    public int getMaxPendingEvictions() {
        return maxPendingEvictions;
    }

    public void setMaxPendingEvictions(int maxPendingEvictions) {
        this.maxPendingEvictions = maxPendingEvictions;
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }

    @Override
    public String toString() {
        return "CacheProperties{keyPrefix=" + keyPrefix + ", negativeTtl=" + negativeTtl + ", jitter=" + jitter
                + ", timeout=" + timeout + ", connectTimeout=" + connectTimeout + ", breakerOpenWait=" + breakerOpenWait
                + "}";
    }
}
