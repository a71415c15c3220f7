package io.community.cluster.relation;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code community.relation.known-users.*} (COMMUNITY_RELATION_KNOWN_USERS_*): the relation
 * service's memory of users known to exist, used by reads (counts, lists) and kept exact by the
 * user service's events on Redis ({@code redis.uri}); without them every read asks the user service.
 */
@ConfigurationProperties("community.relation.known-users")
public class KnownUsersProperties {
    /** Off: every read asks the user service whether its user exists. */
    private boolean enabled = true;
    /** The longest a user is trusted to exist without asking again, even with events flowing. */
    private Duration maxAge = Duration.ofSeconds(60);
    /** Users kept at most; beyond it the memory starts over. */
    private int maxSize = 100_000;
    /** How often the events' subscription is probed (PING); a failed or late answer stops the memory. */
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
                    "community.relation.known-users.max-size must be at least 1, got " + maxSize);
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
                    "community.relation.known-users." + name + " must be positive, got " + value);
        }
        return value;
    }
}
