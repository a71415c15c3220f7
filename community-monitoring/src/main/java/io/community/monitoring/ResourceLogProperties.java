package io.community.monitoring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * {@code community.resource-log.interval} (COMMUNITY_RESOURCE_LOG_INTERVAL, e.g. {@code 60s}): how
 * often to log one line of CPU, heap, threads and GC time. Unset (the default): no line.
 */
@ConfigurationProperties("community.resource-log")
public record ResourceLogProperties(@Nullable Duration interval) {

    public ResourceLogProperties {
        if (interval != null && (interval.isNegative() || interval.toMillis() < 1000)) {
            throw new IllegalArgumentException("community.resource-log.interval must be at least 1s, got " + interval);
        }
    }
}
