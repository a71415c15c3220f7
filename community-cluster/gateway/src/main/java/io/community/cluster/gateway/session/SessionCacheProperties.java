package io.community.cluster.gateway.session;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code community.gateway.session-cache.*} (COMMUNITY_GATEWAY_SESSION_CACHE_*): the gateway's
 * cache of checked sessions. It is used only while the gateway hears the user service's
 * revocation events (Redis, {@code redis.uri}); otherwise every request checks its session remotely.
 */
@ConfigurationProperties("community.gateway.session-cache")
public class SessionCacheProperties {
    /** Off: every request checks its session with the user service, as before. */
    private boolean enabled = true;
    /**
     * The longest a checked session is trusted without asking again, even with events flowing: the
     * bound on staleness if an event is lost while this gateway's subscription looks healthy
     * (e.g. the user service could not reach Redis).
     */
    private Duration maxAge = Duration.ofSeconds(60);
    /** Sessions kept at most; beyond it the cache starts over (a remote check per session). */
    private int maxSize = 100_000;
    /** How often the subscription is probed (PING); a failed or late answer stops the cache until it is back. */
    private Duration heartbeat = Duration.ofSeconds(1);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getMaxAge() {
        return maxAge;
    }

    public void setMaxAge(Duration maxAge) {
        this.maxAge = positive("max-age", maxAge);
    }

    public int getMaxSize() {
        return maxSize;
    }

    public void setMaxSize(int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException(
                    "community.gateway.session-cache.max-size must be at least 1, got " + maxSize);
        }
        this.maxSize = maxSize;
    }

    public Duration getHeartbeat() {
        return heartbeat;
    }

    public void setHeartbeat(Duration heartbeat) {
        this.heartbeat = positive("heartbeat", heartbeat);
    }

    private static Duration positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(
                    "community.gateway.session-cache." + name + " must be positive, got " + value);
        }
        return value;
    }
}
