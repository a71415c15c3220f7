package io.community.cluster.config;

import io.community.common.observability.AdjustableSampler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reloadable sampling ratio: parsed here, its range refused once, by the sampler. */
class SamplingRatioSettingTest {

    @Test
    void aRatioIsAppliedAnOutOfRangeOrNonNumberRefusedAndEmptyRestoresTheConfiguredSampler() {
        AdjustableSampler sampler = new AdjustableSampler();
        ReloadableSetting<String> setting = new ConfigCenterFactory().samplingRatio(sampler, "");
        assertThat(setting.initial()).isEmpty();
        assertThat(sampler.getDescription()).isEqualTo("AlwaysOffSampler");

        assertThat(setting.applyText(" 0.5 ")).isEqualTo("0.5");
        assertThat(sampler.getDescription()).startsWith("ParentBased{root:TraceIdRatioBased{0.5");

        assertThatThrownBy(() -> setting.applyText("1.5")).hasMessageContaining("between 0 and 1, got 1.5");
        assertThatThrownBy(() -> setting.applyText("NaN")).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> setting.applyText("half")).hasMessageContaining("'half' is not a number");
        assertThat(sampler.getDescription()).as("a refusal changes nothing").contains("TraceIdRatioBased{0.5");

        assertThat(setting.applyText(null)).isEmpty();
        assertThat(sampler.getDescription()).isEqualTo("AlwaysOffSampler");
    }

    @Test
    void anOutOfRangeStartValueStopsTheStart() {
        assertThatThrownBy(() -> new ConfigCenterFactory().samplingRatio(new AdjustableSampler(), "2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 2.0");
    }
}
