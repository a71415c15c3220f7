package io.community.cluster.gateway;

import io.community.cluster.config.LimitSettings;
import io.community.cluster.config.ReloadableSetting;
import io.community.cluster.grpc.BackendsProperties;
import io.community.cluster.grpc.CircuitBreakerProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.convert.ConversionService;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gateway's backend settings that follow etcd without a restart: the call deadline
 * ({@code community.backends.deadline}) and the breakers' failure-rate threshold and open wait
 * ({@code community.backends.circuit-breaker.failure-rate-threshold}, {@code .wait-in-open-state}).
 * A breaker with new thresholds replaces the old one in the registry (its metrics follow); calls
 * already under way finish on the one they started with.
 */
@Factory
public class BackendSettingsFactory {
    static final List<String> BACKENDS = List.of("user", "relation", "creation");

    /** The deadline every backend call gets now. */
    public static final class Deadline {
        private final AtomicReference<Duration> current;

        Deadline(Duration initial) {
            this.current = new AtomicReference<>(initial);
        }

        public Duration get() {
            return current.get();
        }

        void set(Duration deadline) {
            current.set(deadline);
        }
    }

    @Singleton
    Deadline backendDeadline(BackendsProperties properties) {
        return new Deadline(properties.getDeadline());
    }

    @Singleton
    ReloadableSetting<Duration> deadlineSetting(Deadline deadline, ConversionService conversion) {
        return ReloadableSetting.of(
                "community.backends.deadline",
                deadline.get(),
                text -> {
                    Duration d = duration(conversion, text);
                    if (d.compareTo(Duration.ofMillis(10)) < 0 || d.compareTo(Duration.ofMinutes(5)) > 0) {
                        throw new IllegalArgumentException("a deadline must be between 10ms and 5m, got " + text);
                    }
                    return d;
                },
                deadline::set);
    }

    @Singleton
    ReloadableSetting<Float> failureRateSetting(CircuitBreakerProperties properties, CircuitBreakerRegistry breakers) {
        return ReloadableSetting.of(
                "community.backends.circuit-breaker.failure-rate-threshold",
                properties.getFailureRateThreshold(),
                text -> {
                    float rate;
                    try {
                        rate = Float.parseFloat(text);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + text + "' is not a number");
                    }
                    if (!(rate > 0 && rate <= 100)) {
                        throw new IllegalArgumentException(
                                "the failure-rate threshold must be in (0, 100], got " + text);
                    }
                    return rate;
                },
                rate -> replace(breakers, b -> b.failureRateThreshold(rate)));
    }

    @Singleton
    ReloadableSetting<Duration> openWaitSetting(
            CircuitBreakerProperties properties, CircuitBreakerRegistry breakers, ConversionService conversion) {
        return ReloadableSetting.of(
                "community.backends.circuit-breaker.wait-in-open-state",
                properties.getWaitInOpenState(),
                text -> {
                    Duration d = duration(conversion, text);
                    if (d.compareTo(Duration.ofMillis(100)) < 0 || d.compareTo(Duration.ofMinutes(10)) > 0) {
                        throw new IllegalArgumentException("the open wait must be between 100ms and 10m, got " + text);
                    }
                    return d;
                },
                wait -> replace(breakers, b -> b.waitDurationInOpenState(wait)));
    }

    private static void replace(
            CircuitBreakerRegistry breakers, java.util.function.UnaryOperator<CircuitBreakerConfig.Builder> change) {
        for (String name : BACKENDS) {
            CircuitBreaker old = breakers.circuitBreaker(name);
            CircuitBreakerConfig config = change.apply(CircuitBreakerConfig.from(old.getCircuitBreakerConfig()))
                    .build();
            breakers.replace(name, CircuitBreaker.of(name, config));
        }
    }

    /** {@code 2s}, {@code 1500ms}, {@code PT2S}: what the file configuration accepts. */
    static Duration duration(ConversionService conversion, String text) {
        return LimitSettings.positiveDuration(conversion, text);
    }
}
