package io.community.cluster.service;

import io.community.cluster.grpc.Authenticator;
import io.community.cluster.grpc.ErrorServerInterceptor;
import io.community.cluster.grpc.IdentityServerInterceptor;
import io.community.cluster.grpc.InternalCredential;
import io.community.cluster.grpc.InternalCredentialProperties;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.grpc.server.interceptor.OrderedServerInterceptor;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The gRPC plumbing every service shares, wired explicitly. Each service contributes only its
 * {@link PublicMethods} (and {@link InternalMethods}, if any). The caller of every other method is
 * the one the gateway vouches for: a caller token signed with the cluster's internal secret for
 * this service ({@code community.grpc.service-name}), verified here without any remote call
 * (docs/decisions/0035-one-session-check-per-request.md).
 *
 * <p>Order: Micronaut gRPC adds global interceptors from the highest order to the lowest, and
 * grpc-java runs the last one added first. So the lowest order is the outermost. Outside in:
 * metrics (0), so every call is measured with the status the client really gets, an identity
 * rejection included; errors (10); the internal credential (50, only in services with
 * {@link InternalMethods}); identity (100). An exception anywhere below the error interceptor, the identity
 * check included, becomes the mapped status instead of UNKNOWN.
 */
@Factory
public class GrpcRuntimeFactory {
    public static final int METRICS_ORDER = 0;
    public static final int ERRORS_ORDER = 10;
    public static final int INTERNAL_ORDER = 50;
    public static final int IDENTITY_ORDER = 100;

    /**
     * Replaces micronaut-micrometer's own gRPC server interceptor, which has no order and so would run
     * innermost, where it never sees a call that identity rejected.
     */
    @Singleton
    @Named("metrics")
    @Requires(beans = MeterRegistry.class)
    @Replaces(MetricCollectingServerInterceptor.class)
    ServerInterceptor metricsInterceptor(MeterRegistry registry) {
        return new OrderedServerInterceptor(new MetricCollectingServerInterceptor(registry), METRICS_ORDER);
    }

    @Singleton
    @Named("errors")
    ServerInterceptor errorInterceptor() {
        return new OrderedServerInterceptor(new ErrorServerInterceptor(), ERRORS_ORDER);
    }

    /** Only where a service declares {@link InternalMethods}: cluster members only, before any token is looked at. */
    @Singleton
    @Named("internal")
    @Requires(beans = InternalMethods.class)
    ServerInterceptor internalInterceptor(InternalMethods internal, InternalCredentialProperties properties) {
        return new OrderedServerInterceptor(
                InternalCredential.forService(properties).serverInterceptor(internal.fullNames()), INTERNAL_ORDER);
    }

    /**
     * The caller token of a call, verified locally: signature, expiry and that it was minted for this
     * service. Secondary only so a test fixture can stand in for it; no service module replaces it.
     */
    @Singleton
    @Secondary
    Authenticator authenticator(InternalCredentialProperties properties, GrpcRuntimeProperties runtime) {
        if (runtime.getServiceName().isEmpty()) {
            throw new IllegalStateException(
                    "community.grpc.service-name must be set: caller tokens name the service they are for");
        }
        InternalCredential credential = InternalCredential.forService(properties);
        String audience = runtime.getServiceName();
        return token -> credential.verifyCaller(token, audience);
    }

    @Singleton
    @Named("identity")
    ServerInterceptor identityInterceptor(Authenticator authenticator, PublicMethods publicMethods) {
        // probes and tools call health and reflection without a token
        PublicMethods open = publicMethods.plusAllOf(
                HealthGrpc.getServiceDescriptor(),
                io.grpc.reflection.v1.ServerReflectionGrpc.getServiceDescriptor(),
                io.grpc.reflection.v1alpha.ServerReflectionGrpc.getServiceDescriptor());
        return new OrderedServerInterceptor(
                new IdentityServerInterceptor(authenticator, open.fullNames()), IDENTITY_ORDER);
    }

    /** grpc.reflection.v1, what current grpcurl asks first. */
    @Singleton
    @Named("reflection-v1")
    @Requires(bean = GrpcRuntimeProperties.class, beanProperty = "reflection", value = "true")
    BindableService reflectionV1() {
        return ProtoReflectionServiceV1.newInstance();
    }

    /** grpc.reflection.v1alpha, for older clients. */
    @Singleton
    @Named("reflection-v1alpha")
    @Requires(bean = GrpcRuntimeProperties.class, beanProperty = "reflection", value = "true")
    @SuppressWarnings("deprecation")
    BindableService reflectionV1alpha() {
        return ProtoReflectionService.newInstance();
    }
}
