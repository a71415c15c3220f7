package io.community.cluster.service;

import io.community.cluster.config.LimitSettings;
import io.community.cluster.config.ReloadableSettingGroup;
import io.community.monitoring.limits.ConcurrencyLimitProperties;
import io.community.monitoring.limits.ConcurrencyLimiter;
import io.grpc.ServerInterceptor;
import io.grpc.health.v1.HealthGrpc;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.grpc.server.interceptor.OrderedServerInterceptor;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * The gRPC server's concurrency limit: inside the metrics interceptor (so refusals are measured
 * with their status) and outside everything else ({@link GrpcRuntimeFactory}'s orders), so a refusal
 * costs neither an identity check nor a handler.
 */
@Factory
public class ConcurrencyLimitFactory {
    public static final int LIMIT_ORDER = 5;

    @Singleton
    ConcurrencyLimiter grpcConcurrencyLimiter(ConcurrencyLimitProperties properties, MeterRegistry registry) {
        return new ConcurrencyLimiter("grpc", properties, registry);
    }

    /** {@code community.limits.*} follow etcd when it is configured (the service's key, then all). */
    @Singleton
    ReloadableSettingGroup grpcLimitSettings(ConcurrencyLimiter limiter, ConversionService conversion) {
        return new ReloadableSettingGroup(LimitSettings.of(limiter, conversion));
    }

    @Singleton
    @Named("concurrency-limit")
    ServerInterceptor concurrencyLimitInterceptor(ConcurrencyLimiter limiter) {
        Set<String> exempt = Set.of(
                HealthGrpc.SERVICE_NAME,
                io.grpc.reflection.v1.ServerReflectionGrpc.SERVICE_NAME,
                io.grpc.reflection.v1alpha.ServerReflectionGrpc.SERVICE_NAME);
        return new OrderedServerInterceptor(new ConcurrencyLimitServerInterceptor(limiter, exempt), LIMIT_ORDER);
    }
}
