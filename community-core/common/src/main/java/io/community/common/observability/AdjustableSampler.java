package io.community.common.observability;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * The process's sampler, whose ratio can change while it runs (the cluster's configuration center,
 * {@code community.tracing.sampling-ratio}): without a ratio it is the sampler the standard
 * {@code OTEL_TRACES_SAMPLER} settings give (see {@link TracingDefaults}); with one it is
 * {@code parentbased_traceidratio} at that ratio. The SDK builds its tracer provider once, so the
 * change happens here, behind it.
 */
@Singleton
public class AdjustableSampler implements Sampler {
    private volatile Sampler configured = Sampler.alwaysOff();
    private volatile Sampler effective = configured;
    private volatile Double ratio;

    /** The sampler from the standard settings; in effect while no ratio is set. */
    void configured(Sampler sampler) {
        this.configured = sampler;
        if (ratio == null) {
            effective = sampler;
        }
    }

    /** Samples new traces at {@code ratio} (0 to 1, parent-based), or as configured when empty. */
    public synchronized void ratio(Optional<Double> ratio) {
        ratio.ifPresent(r -> {
            if (!(r >= 0.0 && r <= 1.0)) {
                throw new IllegalArgumentException("a sampling ratio is between 0 and 1, got " + r);
            }
        });
        this.ratio = ratio.orElse(null);
        this.effective = ratio.map(r -> Sampler.parentBased(Sampler.traceIdRatioBased(r)))
                .orElse(configured);
    }

    @Override
    public SamplingResult shouldSample(
            Context parentContext,
            String traceId,
            String name,
            SpanKind spanKind,
            Attributes attributes,
            List<LinkData> parentLinks) {
        return effective.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return effective.getDescription();
    }
}
