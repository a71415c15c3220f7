package io.community.cluster.grpc;

import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.NameResolver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Opens the channel to one backend the same way in every process that calls another (the gateway,
 * and the services that ask the user service to check a session): plaintext inside the cluster,
 * round-robin over whatever the target resolves to, a deadline on every call.
 *
 * <p>Callers keep the {@link ManagedChannel} to close it ({@link #close}) and build stubs on
 * {@link #intercepted}, which adds the deadline and any per-caller interceptors (the bearer token).
 */
public final class BackendChannels {

    private BackendChannels() {}

    /** A static target ({@code host:port}), no retries. */
    public static ManagedChannel open(String target) {
        return open(target, null, Map.of());
    }

    /**
     * @param target        {@code host:port}, or {@code etcd:///<service>} resolved by {@code etcd}
     * @param etcd          the resolver for {@code etcd:} targets; null when discovery is off
     * @param serviceConfig a default service config, e.g. {@link RetryPolicies#readsOnUnavailable}; empty for none
     */
    public static ManagedChannel open(String target, NameResolver.Factory etcd, Map<String, ?> serviceConfig) {
        return open(target, etcd, serviceConfig, List.of());
    }

    /**
     * As above, plus {@code channelInterceptors} on the channel itself: they see each call once, after
     * the callers' interceptors and around gRPC's own retries (e.g. client metrics).
     */
    @SuppressWarnings("deprecation") // nameResolverFactory: per channel, instead of grpc's process-wide registry
    public static ManagedChannel open(
            String target,
            NameResolver.Factory etcd,
            Map<String, ?> serviceConfig,
            List<ClientInterceptor> channelInterceptors) {
        Objects.requireNonNull(target, "target");
        ManagedChannelBuilder<?> builder = ManagedChannelBuilder.forTarget(target)
                .usePlaintext()
                .defaultLoadBalancingPolicy("round_robin")
                // detects a dead peer between calls instead of on the next call's deadline
                .keepAliveTime(30, TimeUnit.SECONDS)
                .keepAliveWithoutCalls(false);
        if (target.startsWith("etcd:")) {
            if (etcd == null) {
                throw new IllegalStateException(target + " needs etcd discovery (community.etcd.endpoints)");
            }
            builder.nameResolverFactory(etcd);
        }
        if (!serviceConfig.isEmpty()) {
            builder.defaultServiceConfig(serviceConfig).enableRetry();
        }
        builder.intercept(channelInterceptors);
        return builder.build();
    }

    /** {@code channel} with a deadline on every call plus {@code interceptors} (order-independent ones). */
    public static io.grpc.Channel intercepted(
            io.grpc.Channel channel, Duration deadline, ClientInterceptor... interceptors) {
        return intercepted(channel, new DeadlineClientInterceptor(deadline), interceptors);
    }

    /** As above, with a deadline read at each call (it may be changed while the process runs). */
    public static io.grpc.Channel intercepted(
            io.grpc.Channel channel,
            java.util.function.Supplier<Duration> deadline,
            ClientInterceptor... interceptors) {
        return intercepted(channel, new DeadlineClientInterceptor(deadline), interceptors);
    }

    private static io.grpc.Channel intercepted(
            io.grpc.Channel channel, DeadlineClientInterceptor deadline, ClientInterceptor... interceptors) {
        List<ClientInterceptor> all = new ArrayList<>(List.of(interceptors));
        all.add(deadline);
        return ClientInterceptors.intercept(channel, all);
    }

    /** Graceful shutdown with a bounded wait, for {@code @PreDestroy}/bean destruction. */
    public static void close(ManagedChannel channel) {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
