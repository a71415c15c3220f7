package io.community.cluster.gateway;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;
import java.util.List;

/**
 * {@code community.gateway.readiness.*}: which backends the gateway's readiness depends on, and how
 * long one health check may take. Environment {@code COMMUNITY_GATEWAY_READINESS_REQUIRED}
 * (comma-separated) and {@code COMMUNITY_GATEWAY_READINESS_TIMEOUT}.
 *
 * <p>Default: only {@code user}. Every authenticated request needs it (AuthFilter verifies the
 * session there), so without it this gateway can serve nothing but 401/503. Relation and creation
 * are reported in the details but do not take the gateway out of rotation: every gateway instance
 * shares the same backends, so draining them all would turn a partial outage (feed and posts
 * failing with 503) into a total one (profiles, login and follows failing too).
 */
@ConfigurationProperties("community.gateway.readiness")
public class ReadinessProperties {
    public static final List<String> BACKENDS = List.of("user", "relation", "creation");

    @NotNull
    private List<String> required = List.of("user");

    @NotNull
    private Duration timeout = Duration.ofSeconds(1);

    public List<String> getRequired() {
        return required;
    }

    public void setRequired(List<String> required) {
        List<String> names = required == null
                ? List.of()
                : required.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String name : names) {
            if (!BACKENDS.contains(name)) {
                throw new IllegalArgumentException("community.gateway.readiness.required: unknown backend '" + name
                        + "', expected some of " + BACKENDS);
            }
        }
        this.required = names;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("community.gateway.readiness.timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
    }
}
