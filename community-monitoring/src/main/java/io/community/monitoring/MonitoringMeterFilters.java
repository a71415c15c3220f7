package io.community.monitoring;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The meter filters every runnable applies: the {@code service} and {@code instance} tags, and the
 * latency buckets the dashboards and alert rules compute percentiles from.
 */
@Factory
public class MonitoringMeterFilters {
    /** Latency buckets for HTTP and gRPC: enough for p50/p90/p99 from 1 ms to 10 s, and few series. */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private static final List<String> HISTOGRAMS =
            List.of("http.server.requests", "grpc.server.processing.duration", "grpc.client.processing.duration");

    /**
     * Adds {@code service} and {@code instance}. Micrometer's gRPC meters already carry a
     * {@code service} tag (the gRPC service, e.g. {@code community.v1.UserService}); it is renamed
     * {@code grpc.service} first, so it neither hides nor is hidden by the process's own.
     */
    @Singleton
    MeterFilter commonTags(MetricsProperties properties) {
        Tags common = Tags.of(Tag.of("service", properties.getService()), Tag.of("instance", properties.getInstance()));
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                List<Tag> tags = new ArrayList<>();
                for (Tag tag : id.getTagsAsIterable()) {
                    boolean clashes =
                            tag.getKey().equals("service") || tag.getKey().equals("instance");
                    if (clashes && id.getName().startsWith("grpc.")) {
                        tags.add(Tag.of("grpc." + tag.getKey(), tag.getValue()));
                    } else if (!clashes) {
                        tags.add(tag);
                    }
                }
                return id.replaceTags(Tags.of(tags).and(common));
            }
        };
    }

    /** Fixed buckets on the request timers, so {@code histogram_quantile} works across instances. */
    @Singleton
    MeterFilter latencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HISTOGRAMS.contains(id.getName())) {
                    return config;
                }
                double[] slos = new double[LATENCY_BUCKETS.length];
                for (int i = 0; i < slos.length; i++) {
                    slos[i] = LATENCY_BUCKETS[i].toNanos();
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(slos)
                        .build()
                        .merge(config);
            }
        };
    }
}
