package io.community.cluster.discovery;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The name resolver on a real channel: real gRPC servers on loopback ports, registered in a real
 * etcd, called through {@code etcd:///echo} with round-robin.
 */
class ResolverIT {
    private final JsonMapper json = JsonMapper.createDefault();
    private final List<Instance> instances = new ArrayList<>();
    private EtcdProcess etcd;
    private EtcdProperties properties;
    private Client client;
    private EtcdConnection connection;
    private ScheduledExecutorService scheduler;
    private ManagedChannel channel;

    /** A server whose calls are counted, and its registration. */
    private final class Instance implements ServerInterceptor {
        final AtomicInteger calls = new AtomicInteger();
        final Server server;
        final EtcdRegistration registration;

        Instance() throws Exception {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(ServerInterceptors.intercept(new HealthStatusManager().getHealthService(), this))
                    .build()
                    .start();
            registration = new EtcdRegistration(
                    EtcdClients.connection(properties),
                    properties,
                    json,
                    scheduler,
                    "echo",
                    UUID.randomUUID().toString(),
                    new ServiceInstance("127.0.0.1", server.getPort(), "test"));
            registration.start();
        }

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            calls.incrementAndGet();
            return next.startCall(call, headers);
        }

        void stop() throws InterruptedException {
            registration.deregister();
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @BeforeEach
    void start() {
        etcd = EtcdProcess.start();
        properties = new EtcdProperties();
        properties.setEndpoints(List.of(etcd.endpoint()));
        properties.setLeaseTtl(Duration.ofSeconds(3));
        properties.setRequestTimeout(Duration.ofSeconds(2));
        properties.setMaxBackoff(Duration.ofSeconds(1));
        client = EtcdClients.open(properties);
        connection = EtcdClients.connection(properties);
        scheduler = Executors.newSingleThreadScheduledExecutor();
        channel = ManagedChannelBuilder.forTarget(EtcdNameResolverProvider.target("echo"))
                .nameResolverFactory(new EtcdNameResolverProvider(connection, properties, json))
                .defaultLoadBalancingPolicy("round_robin")
                .idleTimeout(1, TimeUnit.SECONDS)
                .usePlaintext()
                .build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        for (Instance i : instances) {
            i.server.shutdownNow();
        }
        scheduler.shutdownNow();
        client.close();
        connection.close();
        etcd.close();
    }

    private Instance instance() throws Exception {
        Instance i = new Instance();
        instances.add(i);
        Await.until(Duration.ofSeconds(5), i.registration::registered);
        return i;
    }

    private void call() {
        HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(2, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance());
    }

    private int calls(int n) {
        int failed = 0;
        for (int k = 0; k < n; k++) {
            try {
                call();
            } catch (StatusRuntimeException e) {
                failed++;
            }
        }
        return failed;
    }

    /** Calls through the channel until {@code i} has taken one (else fails after {@code timeout}); returns how long that took. */
    private Duration untilItTakesCalls(Instance i, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        int before = i.calls.get();
        Await.until(timeout, () -> {
            calls(5);
            return i.calls.get() > before;
        });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void callsAreSpreadEvenlyOverTheRegisteredInstances() throws Exception {
        Instance a = instance();
        Instance b = instance();
        // the first resolution may have seen only one of them: wait until both took a call
        Await.until(Duration.ofSeconds(5), () -> {
            calls(10);
            return a.calls.get() > 0 && b.calls.get() > 0;
        });
        a.calls.set(0);
        b.calls.set(0);

        assertThat(calls(1000)).isZero();
        assertThat(a.calls.get()).isBetween(450, 550);
        assertThat(b.calls.get()).isBetween(450, 550);
    }

    @Test
    void aNewInstanceGetsTrafficAndADeregisteredOneNoMore() throws Exception {
        Instance a = instance();
        assertThat(calls(20)).isZero();
        Instance b = instance();
        assertThat(untilItTakesCalls(b, Duration.ofSeconds(5))).isLessThan(Duration.ofSeconds(5));

        a.registration.deregister();
        Thread.sleep(300); // the watch delivers the delete
        int before = a.calls.get();
        assertThat(calls(100)).isZero();
        assertThat(a.calls.get()).isEqualTo(before);
        assertThat(b.calls.get()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void whileEtcdIsDownTheKnownInstancesKeepServingEvenAfterTheChannelWentIdle() throws Exception {
        Instance a = instance();
        Instance b = instance();
        Await.until(Duration.ofSeconds(5), () -> {
            calls(10);
            return a.calls.get() > 0 && b.calls.get() > 0;
        });

        etcd.stop();
        assertThat(calls(100)).isZero();
        Thread.sleep(2500); // idle timeout 1 s: the resolver is shut down and a new one made on the next call
        assertThat(calls(100)).isZero();
        int beforeA = a.calls.get();
        int beforeB = b.calls.get();
        assertThat(calls(100)).isZero();
        assertThat(a.calls.get()).isGreaterThan(beforeA);
        assertThat(b.calls.get()).isGreaterThan(beforeB);

        etcd.resume();
        Instance c = instance();
        untilItTakesCalls(c, Duration.ofSeconds(10));
    }

    @Test
    void afterALongEtcdOutageANewInstanceIsSeenWithinSeconds() throws Exception {
        Instance a = instance();
        assertThat(calls(10)).isZero();

        etcd.stop();
        Thread.sleep(30_000); // long enough for a gRPC channel's reconnect backoff to grow past 10 s
        assertThat(calls(20)).isZero();
        etcd.resume();
        Instance c = instance();
        assertThat(untilItTakesCalls(c, Duration.ofSeconds(15))).isLessThan(Duration.ofSeconds(4));
        assertThat(a.calls.get()).isPositive();
    }

    @Test
    void aServiceWithNoInstanceFailsFastAsUnavailable() {
        long start = System.nanoTime();
        try {
            call();
            throw new AssertionError("a call with no instance succeeded");
        } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode())
                    .isIn(io.grpc.Status.Code.UNAVAILABLE, io.grpc.Status.Code.DEADLINE_EXCEEDED);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aWatchThatMissedCompactedChangesListsAgain() throws Exception {
        Instance a = instance();
        // the channel's resolver reaches etcd through a relay the test can cut; registrations do not
        int etcdPort = URI.create(etcd.endpoint()).getPort();
        try (TcpProxy proxy = new TcpProxy(etcdPort)) {
            EtcdProperties viaProxy = new EtcdProperties();
            viaProxy.setEndpoints(List.of("http://127.0.0.1:" + proxy.port()));
            viaProxy.setRequestTimeout(Duration.ofSeconds(2));
            viaProxy.setMaxBackoff(Duration.ofSeconds(1));
            try (EtcdConnection resolverConnection = EtcdClients.connection(viaProxy)) {
                ManagedChannel watched = ManagedChannelBuilder.forTarget(EtcdNameResolverProvider.target("echo"))
                        .nameResolverFactory(new EtcdNameResolverProvider(resolverConnection, viaProxy, json))
                        .defaultLoadBalancingPolicy("round_robin")
                        .usePlaintext()
                        .build();
                try {
                    HealthGrpc.newBlockingStub(watched)
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .check(HealthCheckRequest.getDefaultInstance());
                    proxy.cut();
                    // while the watch is away: a new instance, the old one gone, and history compacted
                    Instance b = instance();
                    a.stop();
                    long revision = client.getKVClient()
                            .get(ByteSequence.from("x", StandardCharsets.UTF_8))
                            .get(5, TimeUnit.SECONDS)
                            .getHeader()
                            .getRevision();
                    client.getKVClient().compact(revision).get(5, TimeUnit.SECONDS);
                    proxy.restore();

                    int before = b.calls.get();
                    Await.until(Duration.ofSeconds(10), () -> {
                        try {
                            HealthGrpc.newBlockingStub(watched)
                                    .withDeadlineAfter(1, TimeUnit.SECONDS)
                                    .check(HealthCheckRequest.getDefaultInstance());
                        } catch (StatusRuntimeException e) {
                            // still pointing at the stopped instance
                        }
                        return b.calls.get() > before;
                    });
                } finally {
                    watched.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
            }
        }
    }
}
