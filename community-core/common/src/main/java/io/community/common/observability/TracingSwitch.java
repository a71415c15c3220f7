package io.community.common.observability;

import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * Whether spans leave the process: {@code OTEL_TRACES_EXPORTER} ({@code otel.traces.exporter}) is set
 * to something other than {@code none}, the default. With tracing off, only what costs next to
 * nothing stays on: trace and span ids for logs and the {@code X-Trace-Id} header (the sampler is
 * {@code always_off}, see {@link TracingDefaults}), and no span is recorded or exported.
 */
@Singleton
public class TracingSwitch {
    public static final String EXPORTER = "otel.traces.exporter";

    private final boolean exporting;

    public TracingSwitch(Environment environment) {
        this(environment.getProperty(EXPORTER, String.class).orElse("none"));
    }

    TracingSwitch(String exporter) {
        this.exporting = !exporter.isBlank() && !"none".equals(exporter.trim().toLowerCase(Locale.ROOT));
    }

    /** True when spans are exported: worth recording work that only feeds spans. */
    public boolean exporting() {
        return exporting;
    }
}
