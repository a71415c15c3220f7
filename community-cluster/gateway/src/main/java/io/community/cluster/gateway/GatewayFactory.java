package io.community.cluster.gateway;

import io.community.cluster.discovery.BackendChannelFactory;
import io.community.cluster.gateway.client.CollectGrpcClient;
import io.community.cluster.gateway.client.CommentGrpcClient;
import io.community.cluster.gateway.client.LikeGrpcClient;
import io.community.cluster.gateway.client.PostGrpcClient;
import io.community.cluster.gateway.client.RelationGrpcClient;
import io.community.cluster.gateway.client.UserGrpcClient;
import io.community.cluster.gateway.session.CallerIdentityClientInterceptor;
import io.community.cluster.gateway.session.LocalRevocationClientInterceptor;
import io.community.cluster.gateway.session.SessionCache;
import io.community.cluster.grpc.BackendChannels;
import io.community.cluster.grpc.BackendsProperties;
import io.community.cluster.grpc.CircuitBreakerClientInterceptor;
import io.community.cluster.grpc.CircuitBreakerProperties;
import io.community.cluster.grpc.InternalCredential;
import io.community.cluster.grpc.InternalCredentialProperties;
import io.community.cluster.grpc.RetryPolicies;
import io.community.creation.api.CollectUseCases;
import io.community.creation.api.CommentUseCases;
import io.community.creation.api.LikeUseCases;
import io.community.creation.api.PostUseCases;
import io.community.proto.v1.CollectServiceGrpc;
import io.community.proto.v1.CommentServiceGrpc;
import io.community.proto.v1.LikeServiceGrpc;
import io.community.proto.v1.PostServiceGrpc;
import io.community.proto.v1.RelationServiceGrpc;
import io.community.proto.v1.UserServiceGrpc;
import io.community.relation.api.RelationUseCases;
import io.community.user.api.UserUseCases;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.exceptions.DisabledBeanException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wiring of the gateway: one channel per backend service, and the contexts' use cases as gRPC
 * clients over them, so community-web's controllers and composition run unchanged. The channels
 * are created at start (eager beans, so a malformed address stops the process then, not at the
 * first request), start connecting in the background, and close on shutdown.
 *
 * <p>No wait-for-ready anywhere: a backend that cannot be reached fails the call at once
 * (UNAVAILABLE → 503) instead of holding the request until its deadline.
 */
@Factory
public class GatewayFactory {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayFactory.class);

    /** Retries for the contract's reads (only those), on UNAVAILABLE: another instance may answer. */
    private static final Map<String, Object> READ_RETRIES = RetryPolicies.readsOnUnavailable(
            List.of(
                    UserServiceGrpc.getServiceDescriptor(), RelationServiceGrpc.getServiceDescriptor(),
                    PostServiceGrpc.getServiceDescriptor(), CommentServiceGrpc.getServiceDescriptor(),
                    LikeServiceGrpc.getServiceDescriptor(), CollectServiceGrpc.getServiceDescriptor()),
            3);

    @Context
    @Named("user")
    @Bean(preDestroy = "close")
    Backend userBackend(
            BackendsProperties properties,
            CircuitBreakerRegistry breakers,
            BackendChannelFactory channels,
            Optional<InternalCredential> internal,
            BackendSettingsFactory.Deadline deadline,
            SessionCache sessions) {
        return open("user", properties.getUser(), properties, breakers, channels, internal, deadline, sessions);
    }

    @Context
    @Named("relation")
    @Bean(preDestroy = "close")
    Backend relationBackend(
            BackendsProperties properties,
            CircuitBreakerRegistry breakers,
            BackendChannelFactory channels,
            Optional<InternalCredential> internal,
            BackendSettingsFactory.Deadline deadline,
            SessionCache sessions) {
        return open("relation", properties.getRelation(), properties, breakers, channels, internal, deadline, sessions);
    }

    @Context
    @Named("creation")
    @Bean(preDestroy = "close")
    Backend creationBackend(
            BackendsProperties properties,
            CircuitBreakerRegistry breakers,
            BackendChannelFactory channels,
            Optional<InternalCredential> internal,
            BackendSettingsFactory.Deadline deadline,
            SessionCache sessions) {
        return open("creation", properties.getCreation(), properties, breakers, channels, internal, deadline, sessions);
    }

    /**
     * The backends' breakers, from one registry, so their state and calls are exported as metrics.
     * Primary: with {@code redis.uri} set (one env for all processes) the cache's own registry,
     * named "cache", exists here too.
     */
    @Singleton
    @Primary
    CircuitBreakerRegistry circuitBreakers(CircuitBreakerProperties properties) {
        return CircuitBreakerRegistry.of(properties.config());
    }

    /** {@code resilience4j_circuitbreaker_state|calls|failure_rate|not_permitted_calls}, tagged by backend ({@code name}). */
    @Singleton
    MeterBinder circuitBreakerMetrics(CircuitBreakerRegistry breakers) {
        return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers);
    }

    @Singleton
    UserUseCases users(@Named("user") Backend backend, SessionCache sessions) {
        return new UserGrpcClient(backend.calls(), sessions);
    }

    @Singleton
    RelationUseCases relations(@Named("relation") Backend backend) {
        return new RelationGrpcClient(backend.calls());
    }

    @Singleton
    PostUseCases posts(@Named("creation") Backend backend) {
        return new PostGrpcClient(backend.calls());
    }

    @Singleton
    CommentUseCases comments(@Named("creation") Backend backend) {
        return new CommentGrpcClient(backend.calls());
    }

    @Singleton
    LikeUseCases likes(@Named("creation") Backend backend) {
        return new LikeGrpcClient(backend.calls());
    }

    @Singleton
    CollectUseCases collects(@Named("creation") Backend backend) {
        return new CollectGrpcClient(backend.calls());
    }

    /**
     * The gateway is a member of the cluster: it signs member and caller tokens with the internal
     * secret. Without {@code community.cluster.internal-secret} there is none (warned once), and the
     * services refuse its calls.
     */
    @Singleton
    InternalCredential internalCredential(InternalCredentialProperties properties) {
        return InternalCredential.forCaller(properties)
                .orElseThrow(() -> new DisabledBeanException("community.cluster.internal-secret is not set"));
    }

    private static Backend open(
            String name,
            String staticTarget,
            BackendsProperties properties,
            CircuitBreakerRegistry breakers,
            BackendChannelFactory channels,
            Optional<InternalCredential> internal,
            BackendSettingsFactory.Deadline deadline,
            SessionCache sessions) {
        LOG.info("Backend {}: deadline {}", name, properties.getDeadline());
        ManagedChannel channel = channels.open(name, staticTarget, READ_RETRIES);
        // connect in the background now, so the first request and readiness probe don't pay for it
        channel.getState(true);
        // the breaker exists (and is measured) from the start, not from the first call
        breakers.circuitBreaker(name);
        // the breaker sees each call once, after gRPC's own retries: one verdict per request
        List<ClientInterceptor> interceptors = new ArrayList<>(List.of(
                // looked up per call: a reloaded threshold replaces the breaker in the registry
                new CircuitBreakerClientInterceptor(() -> breakers.circuitBreaker(name))));
        if ("user".equals(name)) {
            interceptors.add(new LocalRevocationClientInterceptor(sessions));
        }
        // the caller as a token for this service, and the member token: the user's token stays here
        internal.ifPresent(credential -> {
            interceptors.add(new CallerIdentityClientInterceptor(name, credential, sessions));
            interceptors.add(credential.clientInterceptor());
        });
        return new Backend(
                name,
                channels.target(name, staticTarget),
                channel,
                BackendChannels.intercepted(channel, deadline::get, interceptors.toArray(ClientInterceptor[]::new)));
    }
}
