package io.community.common.observability;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sampler the SDK ends up with, built by the SDK's own autoconfiguration plus {@link TracingDefaults}. */
class TracingDefaultsTest {

    private static String sampler(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("otel.metrics.exporter", "none", "otel.logs.exporter", "none"));
        all.putAll(settings);
        AutoConfiguredOpenTelemetrySdkBuilder builder =
                AutoConfiguredOpenTelemetrySdk.builder().addPropertiesSupplier(() -> all);
        new TracingDefaults().configure(builder);
        try (OpenTelemetrySdk sdk = builder.build().getOpenTelemetrySdk()) {
            return sdk.getSdkTracerProvider().getSampler().getDescription();
        }
    }

    @Test
    void noExporterMeansNothingIsRecorded() {
        assertThat(sampler(Map.of("otel.traces.exporter", "none"))).isEqualTo("AlwaysOffSampler");
    }

    @Test
    void anExporterKeepsTheStandardParentBasedSampler() {
        assertThat(sampler(Map.of(
                        "otel.traces.exporter",
                        "zipkin",
                        "otel.exporter.zipkin.endpoint",
                        "http://127.0.0.1:1/api/v2/spans")))
                .startsWith("ParentBased{root:AlwaysOnSampler");
    }

    @Test
    void anExplicitSamplerWinsEvenWithoutExporter() {
        assertThat(sampler(Map.of(
                        "otel.traces.exporter",
                        "none",
                        "otel.traces.sampler",
                        "traceidratio",
                        "otel.traces.sampler.arg",
                        "0.25")))
                .startsWith("TraceIdRatioBased{0.25");
    }

    @Test
    void theSwitchReadsTheExporter() {
        assertThat(new TracingSwitch("none").exporting()).isFalse();
        assertThat(new TracingSwitch(" NONE ").exporting()).isFalse();
        assertThat(new TracingSwitch("").exporting()).isFalse();
        assertThat(new TracingSwitch("zipkin").exporting()).isTrue();
        assertThat(new TracingSwitch("otlp").exporting()).isTrue();
    }
}
