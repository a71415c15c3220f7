package io.community.cluster.service;

import io.community.cluster.grpc.AccessLogServerInterceptor;
import io.community.cluster.grpc.GrpcObservability;
import io.grpc.ServerInterceptor;
import io.micronaut.context.annotation.Factory;
import io.micronaut.grpc.server.interceptor.OrderedServerInterceptor;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Tracing and access logs for every gRPC call a service answers, outside the interceptors of
 * {@link GrpcRuntimeFactory} (the lowest order runs first): the server span continues the caller's
 * trace (-20), then the access line with the final status and the request id in the MDC (-10), so
 * even a call that identity rejects is traced and logged.
 */
@Factory
public class GrpcObservabilityFactory {
    public static final int TRACING_ORDER = -20;
    public static final int ACCESS_LOG_ORDER = -10;

    @Singleton
    @Named("tracing")
    ServerInterceptor tracingInterceptor(GrpcObservability observability) {
        return new OrderedServerInterceptor(observability.tracingServerInterceptor(), TRACING_ORDER);
    }

    @Singleton
    @Named("access-log")
    ServerInterceptor accessLogInterceptor() {
        return new OrderedServerInterceptor(new AccessLogServerInterceptor(), ACCESS_LOG_ORDER);
    }
}
