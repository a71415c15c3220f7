package io.community.common.health;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code community.health.*}: how long one readiness check of a dependency (database, Redis) may
 * take before it counts as DOWN. Environment {@code COMMUNITY_HEALTH_TIMEOUT}; default 1 s, so a
 * probe says DOWN within about a second of the dependency going away, whatever the pool or the
 * driver would wait.
 */
@ConfigurationProperties("community.health")
public record HealthProperties(
        @Bindable(defaultValue = "1s") Duration timeout) {

    public HealthProperties {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("community.health.timeout must be positive, got " + timeout);
        }
    }
}
