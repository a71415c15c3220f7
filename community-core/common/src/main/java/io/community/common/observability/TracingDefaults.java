package io.community.common.observability;

import io.micronaut.tracing.opentelemetry.OpenTelemetryBuilderCustomizer;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * The project's defaults on top of the standard OpenTelemetry settings that micronaut-tracing
 * hands to the SDK's autoconfiguration ({@code OTEL_*} variables, {@code otel.*} properties).
 *
 * <p>With no exporter ({@code OTEL_TRACES_EXPORTER=none}, the default) and no explicit
 * {@code OTEL_TRACES_SAMPLER}, the sampler is {@code always_off}: spans still get ids, so logs and
 * responses carry a trace id, but nothing is recorded — not even when a caller's
 * {@code traceparent} says "sampled", which a parent-based sampler would obey.
 *
 * <p>The sampler the settings give is installed behind {@link AdjustableSampler}, so a process
 * with a configuration center can change the sampling ratio while it runs.
 */
@Singleton
public class TracingDefaults implements OpenTelemetryBuilderCustomizer {
    static final String SAMPLER = "otel.traces.sampler";

    private final AdjustableSampler sampler;

    public TracingDefaults(AdjustableSampler sampler) {
        this.sampler = sampler;
    }

    @Override
    public void configure(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        builder.addPropertiesCustomizer(config -> {
            boolean exporting = new TracingSwitch(config.getString(TracingSwitch.EXPORTER, "none")).exporting();
            if (!exporting && config.getString(SAMPLER) == null) {
                return Map.of(SAMPLER, "always_off");
            }
            return Map.of();
        });
        builder.addSamplerCustomizer((configured, config) -> {
            sampler.configured(configured);
            return sampler;
        });
    }
}
