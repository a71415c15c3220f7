package io.community.cluster.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * With etcd discovery on: {@code community_etcd_registered} (1 while this instance's key is in etcd)
 * and {@code community_etcd_renewal_age_seconds} (since etcd last confirmed its lease; NaN before
 * the first confirmation). The alert on a lost registration reads these.
 */
@Singleton
@Requires(beans = {EtcdInstanceRegistrar.class, MeterRegistry.class})
public class EtcdRegistrationMetrics implements MeterBinder {
    private final EtcdInstanceRegistrar registrar;

    public EtcdRegistrationMetrics(EtcdInstanceRegistrar registrar) {
        this.registrar = registrar;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("community.etcd.registered", registrar, r -> r.registered() ? 1 : 0)
                .description("1 while this instance's key is registered in etcd")
                .register(registry);
        TimeGauge.builder(
                        "community.etcd.renewal.age",
                        registrar,
                        TimeUnit.SECONDS,
                        r -> r.sinceLastRenewal().map(d -> d.toNanos() / 1e9).orElse(Double.NaN))
                .description("Time since etcd last confirmed this instance's lease")
                .register(registry);
    }
}
