package io.community.common.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sampler the SDK ends up with, built by the SDK's own autoconfiguration plus {@link TracingDefaults}. */
class TracingDefaultsTest {

    private static String sampler(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("otel.metrics.exporter", "none", "otel.logs.exporter", "none"));
        all.putAll(settings);
        AutoConfiguredOpenTelemetrySdkBuilder builder =
                AutoConfiguredOpenTelemetrySdk.builder().addPropertiesSupplier(() -> all);
        new TracingDefaults(new AdjustableSampler()).configure(builder);
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
    void aRatioSetWhileRunningReplacesTheConfiguredSamplerAndClearingItRestoresIt() {
        AdjustableSampler adjustable = new AdjustableSampler();
        Map<String, String> all =
                Map.of("otel.metrics.exporter", "none", "otel.logs.exporter", "none", "otel.traces.exporter", "none");
        AutoConfiguredOpenTelemetrySdkBuilder builder =
                AutoConfiguredOpenTelemetrySdk.builder().addPropertiesSupplier(() -> all);
        new TracingDefaults(adjustable).configure(builder);
        try (OpenTelemetrySdk sdk = builder.build().getOpenTelemetrySdk()) {
            Tracer tracer = sdk.getTracer("test");
            assertThat(sampledOutOf(tracer, 200))
                    .as("always_off without exporter")
                    .isZero();

            adjustable.ratio(Optional.of(1.0));
            assertThat(sdk.getSdkTracerProvider().getSampler().getDescription())
                    .startsWith("ParentBased{root:TraceIdRatioBased{1.0");
            assertThat(sampledOutOf(tracer, 200)).isEqualTo(200);

            adjustable.ratio(Optional.of(0.25));
            assertThat(sampledOutOf(tracer, 2000)).isBetween(350, 650);

            adjustable.ratio(Optional.empty());
            assertThat(sampledOutOf(tracer, 200)).isZero();
            assertThatThrownBy(() -> adjustable.ratio(Optional.of(1.5))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> adjustable.ratio(Optional.of(Double.NaN)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static int sampledOutOf(Tracer tracer, int spans) {
        int sampled = 0;
        for (int i = 0; i < spans; i++) {
            Span span = tracer.spanBuilder("root").startSpan();
            if (span.getSpanContext().isSampled()) {
                sampled++;
            }
            span.end();
        }
        return sampled;
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
