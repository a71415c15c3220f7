package io.community.cluster.gateway;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadinessPropertiesTest {
    /** These contexts close at once; the health monitor's scheduled start would race with that. */
    private static final Map<String, Object> QUIET = Map.of("micronaut.health.monitor.enabled", "false");

    @Test
    void defaultsRequireOnlyTheUserService() {
        try (ApplicationContext context = ApplicationContext.run(QUIET, "test")) {
            ReadinessProperties properties = context.getBean(ReadinessProperties.class);
            assertThat(properties.getRequired()).containsExactly("user");
            assertThat(properties.getTimeout()).isEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void aCommaSeparatedListAsFromTheEnvironment() {
        try (ApplicationContext context = ApplicationContext.run(
                Map.of(
                        "community.gateway.readiness.required",
                        "user, relation,creation",
                        "micronaut.health.monitor.enabled",
                        "false"),
                "test")) {
            assertThat(context.getBean(ReadinessProperties.class).getRequired())
                    .containsExactly("user", "relation", "creation");
        }
    }

    @Test
    void anUnknownBackendIsRefused() {
        ReadinessProperties properties = new ReadinessProperties();
        assertThatThrownBy(() -> properties.setRequired(List.of("user", "posts")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("posts");
        assertThatThrownBy(() -> properties.setTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
