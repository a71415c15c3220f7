package io.community.common.health;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Readiness of Redis, bounded by {@code community.health.timeout}: one PING. Replaces
 * micronaut-redis's indicator, which waits 3 s and retries 3 times (12 s) before it says DOWN.
 * Only where Redis is configured ({@code redis.uri}); not a liveness check.
 */
@Singleton
@Replaces(io.micronaut.configuration.lettuce.health.RedisHealthIndicator.class)
@Requires(classes = HealthIndicator.class)
@Requires(property = "redis.uri")
public class RedisHealthIndicator implements HealthIndicator {
    static final String NAME = "redis";

    private final StatefulRedisConnection<String, String> connection;
    private final HealthProperties properties;

    public RedisHealthIndicator(StatefulRedisConnection<String, String> connection, HealthProperties properties) {
        this.connection = connection;
        this.properties = properties;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        CompletableFuture<String> ping;
        try {
            // async: a stopped Redis holds the command, not a thread; the timeout ends the wait
            ping = connection.async().ping().toCompletableFuture();
        } catch (RuntimeException e) {
            ping = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<String> answer = ping;
        return Publishers.fromCompletableFuture(ping.copy()
                .orTimeout(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((pong, error) -> {
                    if (error == null && "PONG".equalsIgnoreCase(pong)) {
                        return HealthResult.builder(NAME, HealthStatus.UP).build();
                    }
                    answer.cancel(true); // drop the queued PING rather than keep it for the command timeout
                    return HealthResult.builder(NAME, HealthStatus.DOWN)
                            .details(Map.of("error", DatabaseHealthIndicator.describe(error)))
                            .build();
                }));
    }
}
