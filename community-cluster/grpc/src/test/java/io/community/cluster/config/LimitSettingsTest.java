package io.community.cluster.config;

import io.community.monitoring.limits.ConcurrencyLimitProperties;
import io.community.monitoring.limits.ConcurrencyLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.core.convert.ConversionService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LimitSettingsTest {
    private static final String ALL = "/community/config/all/";
    private static final String OWN = "/community/config/user/";

    private final ConcurrencyLimiter limiter =
            new ConcurrencyLimiter("grpc", new ConcurrencyLimitProperties(), new SimpleMeterRegistry());
    private final ReloadableSettings settings = new ReloadableSettings(
            List.of(), List.of(new ReloadableSettingGroup(LimitSettings.of(limiter, ConversionService.SHARED))));

    @Test
    void aValueFromEtcdRebuildsTheLimiterAndADeletedKeyRestoresTheFileValue() {
        settings.update(
                ALL,
                Map.of(ALL + "community.limits.max-limit", "300"),
                OWN,
                Map.of(
                        OWN + "community.limits.algorithm", "ignored: not a reloadable key",
                        OWN + "community.limits.retry-after", "3s"));
        assertThat(limiter.settings().getMaxLimit()).isEqualTo(300);
        assertThat(limiter.retryAfter()).isEqualTo(Duration.ofSeconds(3));

        settings.update(ALL, Map.of(ALL + "community.limits.enabled", "false"), OWN, Map.of());
        assertThat(limiter.settings().isEnabled()).isFalse();
        assertThat(limiter.settings().getMaxLimit())
                .as("back to the file value")
                .isEqualTo(1000);
        assertThat(limiter.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anInvalidValueIsRefusedAndTheLimiterKeepsItsSettings() {
        settings.update(ALL, Map.of(ALL + "community.limits.min-limit", "80"), OWN, Map.of());
        assertThat(limiter.settings().getMinLimit()).isEqualTo(80);

        // above max-limit (1000): the limiter's own validation refuses it
        settings.update(ALL, Map.of(ALL + "community.limits.min-limit", "5000"), OWN, Map.of());
        assertThat(limiter.settings().getMinLimit()).isEqualTo(80);
        assertThat(state("community.limits.min-limit").refused()).contains("5000");

        settings.update(
                ALL,
                Map.of(ALL + "community.limits.min-limit", "80", ALL + "community.limits.enabled", "maybe"),
                OWN,
                Map.of());
        assertThat(limiter.settings().isEnabled()).isTrue();
        assertThat(state("community.limits.enabled").refused()).contains("maybe");
    }

    private ReloadableSettings.State state(String key) {
        return settings.states().stream()
                .filter(s -> s.key().equals(key))
                .findFirst()
                .orElseThrow();
    }
}
