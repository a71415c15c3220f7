package io.community.common.health;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.jdbc.JdbcIndicator;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;

/**
 * Readiness of the database, bounded by {@code community.health.timeout}: borrow a connection and
 * ask it {@code isValid}. Replaces Micronaut's JDBC indicator, which waits for the pool's
 * connection timeout plus a 3 s validation and so says DOWN only seconds after the database went
 * away. Never a liveness check: a database outage must not get the process restarted.
 */
@Singleton
@Replaces(JdbcIndicator.class)
@Requires(classes = {HealthIndicator.class, DataSourceResolver.class})
@Requires(beans = DataSource.class)
public class DatabaseHealthIndicator implements HealthIndicator {
    static final String NAME = "jdbc";

    private final HealthProperties properties;
    private final BoundedCheck<Boolean> check;

    public DatabaseHealthIndicator(
            DataSource dataSource,
            @Nullable DataSourceResolver resolver,
            HealthProperties properties,
            @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.properties = properties;
        // the pool itself, not Micronaut Data's contextual proxy (which has no connection outside a transaction)
        DataSource pool = (resolver == null ? DataSourceResolver.DEFAULT : resolver).resolve(dataSource);
        int validSeconds = (int) Math.max(1, properties.timeout().toSeconds());
        this.check = new BoundedCheck<>(
                () -> {
                    try (Connection connection = pool.getConnection()) {
                        return connection.isValid(validSeconds);
                    } catch (SQLException e) {
                        throw new CompletionException(e);
                    }
                },
                executor);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.fromCompletableFuture(check.run(properties.timeout()).handle((valid, error) -> {
            if (error == null && Boolean.TRUE.equals(valid)) {
                return HealthResult.builder(NAME, HealthStatus.UP).build();
            }
            return HealthResult.builder(NAME, HealthStatus.DOWN)
                    .details(Map.of("error", describe(error)))
                    .build();
        }));
    }

    /** The kind of failure only: the details must never show an address or a password. */
    static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            return "connection not valid";
        }
        if (cause instanceof TimeoutException) {
            return "no answer in time";
        }
        return cause.getClass().getSimpleName();
    }
}
