package io.community.cluster.discovery;

import io.community.cluster.grpc.BackendChannels;
import io.community.cluster.grpc.GrpcObservability;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingClientInterceptor;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opens the channel to a backend service the same way in every caller (the gateway, and services
 * calling the user service): through etcd ({@code etcd:///<service>}) when
 * {@code community.etcd.endpoints} is set, else to the static address configured for it. With a
 * meter registry, every channel records {@code grpc.client.*} per method and status: the latency
 * the caller sees, next to the service's own {@code grpc.server.*}.
 */
@Singleton
public class BackendChannelFactory {
    private static final Logger LOG = LoggerFactory.getLogger(BackendChannelFactory.class);

    private final EtcdProperties etcd;

    @Nullable
    private final EtcdNameResolverProvider resolver;

    private final List<ClientInterceptor> channelInterceptors;

    /** Without metrics or tracing (tests). */
    public BackendChannelFactory(EtcdProperties etcd, @Nullable EtcdNameResolverProvider resolver) {
        this(etcd, resolver, null, null);
    }

    @Inject
    public BackendChannelFactory(
            EtcdProperties etcd,
            @Nullable EtcdNameResolverProvider resolver,
            @Nullable MeterRegistry meters,
            @Nullable GrpcObservability observability) {
        this.etcd = etcd;
        this.resolver = resolver;
        List<ClientInterceptor> interceptors = new ArrayList<>();
        if (meters != null) {
            interceptors.add(new MetricCollectingClientInterceptor(meters));
        }
        if (observability != null) {
            // last = outermost: the client span, traceparent and x-request-id wrap the measured call
            interceptors.addAll(observability.clientInterceptors());
        }
        this.channelInterceptors = List.copyOf(interceptors);
    }

    /** The target a channel to {@code service} uses: etcd when discovery is on, else {@code staticTarget}. */
    public String target(String service, String staticTarget) {
        return etcd.enabled() ? EtcdNameResolverProvider.target(service) : staticTarget;
    }

    public ManagedChannel open(String service, String staticTarget, Map<String, ?> serviceConfig) {
        String target = target(service, staticTarget);
        LOG.info("Backend {}: {}", service, target);
        return BackendChannels.open(target, resolver, serviceConfig, channelInterceptors);
    }
}
