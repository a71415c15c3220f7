package io.community.cluster.gateway.session;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The record binds its defaults and the environment's values, and refuses what makes no sense. */
class SessionCachePropertiesTest {
    private static final Map<String, Object> QUIET = Map.of("micronaut.health.monitor.enabled", "false");

    private static SessionCacheProperties bound(Map<String, Object> settings) {
        Map<String, Object> all = new java.util.HashMap<>(QUIET);
        all.putAll(settings);
        try (ApplicationContext context = ApplicationContext.run(all, "test")) {
            return context.getBean(SessionCacheProperties.class);
        }
    }

    @Test
    void defaults() {
        assertThat(bound(Map.of()))
                .isEqualTo(new SessionCacheProperties(true, Duration.ofSeconds(60), 100_000, Duration.ofSeconds(1)));
    }

    @Test
    void valuesAsFromTheEnvironment() {
        assertThat(bound(Map.of(
                        "community.gateway.session-cache.enabled", "false",
                        "community.gateway.session-cache.max-age", "5s",
                        "community.gateway.session-cache.max-size", "10",
                        "community.gateway.session-cache.heartbeat", "250ms")))
                .isEqualTo(new SessionCacheProperties(false, Duration.ofSeconds(5), 10, Duration.ofMillis(250)));
    }

    @Test
    void nonsenseIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> bound(Map.of("community.gateway.session-cache.max-age", "0s")))
                .isInstanceOf(BeanInstantiationException.class)
                .hasMessageContaining("community.gateway.session-cache.max-age must be positive");
        assertThatThrownBy(() -> new SessionCacheProperties(true, Duration.ofSeconds(1), 0, Duration.ofSeconds(1)))
                .hasMessageContaining("max-size must be at least 1");
    }
}
