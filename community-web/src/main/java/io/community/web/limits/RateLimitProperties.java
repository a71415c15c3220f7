package io.community.web.limits;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * {@code community.rate-limits.*}: token buckets per client (the user when the request is
 * authenticated, otherwise the client address) and per {@link RouteGroup}. Each group's bucket holds
 * {@code <group>-capacity} requests and refills that many per {@code <group>-period}, continuously;
 * a capacity of 0 leaves the group unlimited. Off by default. With {@code redis.uri} set (and
 * {@code shared} true) instances share the buckets through Redis, and each falls back to buckets of
 * its own while Redis is down. Values can be applied at run time with {@link ClientRateLimiter#reconfigure}.
 */
@ConfigurationProperties("community.rate-limits")
public class RateLimitProperties {
    private boolean enabled = false;
    /** Share the buckets through Redis when {@code redis.uri} is set. */
    private boolean shared = true;
    /** Prefix of the buckets' Redis keys; unset: the cache's prefix ({@code community.cache.key-prefix}) + {@code rate:}. */
    private String keyPrefix;
    /** Buckets kept in this process (fallback and Redis-less runs); beyond it idle ones are dropped. */
    private int maxLocalBuckets = 100_000;

    private long authCapacity = 20;
    private Duration authPeriod = Duration.ofMinutes(1);
    private long writeCapacity = 120;
    private Duration writePeriod = Duration.ofMinutes(1);
    private long readCapacity = 600;
    private Duration readPeriod = Duration.ofMinutes(1);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isShared() {
        return shared;
    }

    public void setShared(boolean shared) {
        this.shared = shared;
    }

    @Nullable
    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(@Nullable String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public int getMaxLocalBuckets() {
        return maxLocalBuckets;
    }

    public void setMaxLocalBuckets(int maxLocalBuckets) {
        if (maxLocalBuckets < 1) {
            throw new IllegalArgumentException(
                    "community.rate-limits.max-local-buckets must be at least 1: " + maxLocalBuckets);
        }
        this.maxLocalBuckets = maxLocalBuckets;
    }

    public long getAuthCapacity() {
        return authCapacity;
    }

    public void setAuthCapacity(long authCapacity) {
        this.authCapacity = capacity(authCapacity, "auth");
    }

    public Duration getAuthPeriod() {
        return authPeriod;
    }

    public void setAuthPeriod(Duration authPeriod) {
        this.authPeriod = period(authPeriod, "auth");
    }

    public long getWriteCapacity() {
        return writeCapacity;
    }

    public void setWriteCapacity(long writeCapacity) {
        this.writeCapacity = capacity(writeCapacity, "write");
    }

    public Duration getWritePeriod() {
        return writePeriod;
    }

    public void setWritePeriod(Duration writePeriod) {
        this.writePeriod = period(writePeriod, "write");
    }

    public long getReadCapacity() {
        return readCapacity;
    }

    public void setReadCapacity(long readCapacity) {
        this.readCapacity = capacity(readCapacity, "read");
    }

    public Duration getReadPeriod() {
        return readPeriod;
    }

    public void setReadPeriod(Duration readPeriod) {
        this.readPeriod = period(readPeriod, "read");
    }

    /** The bucket size of a group; 0 = unlimited. */
    public long capacity(RouteGroup group) {
        return switch (group) {
            case AUTH -> authCapacity;
            case WRITE -> writeCapacity;
            case READ -> readCapacity;
        };
    }

    public Duration period(RouteGroup group) {
        return switch (group) {
            case AUTH -> authPeriod;
            case WRITE -> writePeriod;
            case READ -> readPeriod;
        };
    }

    public RateLimitProperties copy() {
        RateLimitProperties c = new RateLimitProperties();
        c.enabled = enabled;
        c.shared = shared;
        c.keyPrefix = keyPrefix;
        c.maxLocalBuckets = maxLocalBuckets;
        c.authCapacity = authCapacity;
        c.authPeriod = authPeriod;
        c.writeCapacity = writeCapacity;
        c.writePeriod = writePeriod;
        c.readCapacity = readCapacity;
        c.readPeriod = readPeriod;
        return c;
    }

    private static long capacity(long value, String group) {
        if (value < 0) {
            throw new IllegalArgumentException(
                    "community.rate-limits." + group + "-capacity must be 0 (unlimited) or more: " + value);
        }
        return value;
    }

    private static Duration period(Duration value, String group) {
        if (value == null || value.isNegative() || value.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "community.rate-limits." + group + "-period must be at least 1ms: " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "RateLimitProperties{enabled=" + enabled + ", shared=" + shared + ", auth=" + authCapacity + "/"
                + authPeriod + ", write=" + writeCapacity + "/" + writePeriod + ", read=" + readCapacity + "/"
                + readPeriod + "}";
    }
}
