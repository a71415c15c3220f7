package io.community.cluster.service;

import io.community.cluster.discovery.EtcdClients;
import io.community.cluster.discovery.EtcdProperties;
import io.community.cluster.discovery.EtcdRegistration;
import io.community.cluster.discovery.ServiceInstance;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Registers this instance in etcd once its gRPC port listens, and takes it out first when the
 * process stops. The stop order is what makes a SIGTERM lose no request:
 * <ol>
 *   <li>gRPC health NOT_SERVING (probes and balancers stop choosing it),</li>
 *   <li>the etcd key is revoked (every client's watch drops this address within milliseconds),</li>
 *   <li>it keeps serving for {@code community.etcd.deregistration-grace} while calls already routed
 *       here arrive,</li>
 *   <li>then Micronaut stops the gRPC server, which refuses new calls and drains those in flight
 *       ({@code grpc.server.await-termination}).</li>
 * </ol>
 * Steps 1–3 run on Micronaut's {@link ShutdownEvent}, which is published before any bean — the gRPC
 * server included — is destroyed.
 */
@Singleton
@Requires(property = "community.etcd.endpoints")
public class EtcdInstanceRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdInstanceRegistrar.class);

    private final EtcdProperties etcd;
    private final GrpcRuntimeProperties runtime;
    private final JsonMapper json;
    private final GrpcHealthReporter health;
    private final String instanceId = UUID.randomUUID().toString();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "etcd-registration");
        t.setDaemon(true);
        return t;
    });
    private volatile EtcdRegistration registration;
    private volatile boolean stopping;

    public EtcdInstanceRegistrar(
            EtcdProperties etcd, GrpcRuntimeProperties runtime, JsonMapper json, GrpcHealthReporter health) {
        if (runtime.getServiceName().isEmpty()) {
            throw new IllegalStateException("community.grpc.service-name must be set to register in etcd");
        }
        this.etcd = etcd;
        this.runtime = runtime;
        this.json = json;
        this.health = health;
    }

    @EventListener
    void started(ServerStartupEvent event) {
        if (!(event.getSource() instanceof GrpcEmbeddedServer grpc) || stopping) {
            return;
        }
        ServiceInstance instance = new ServiceInstance(advertisedHost(grpc), grpc.getPort(), version());
        // a connection of its own, not the resolvers' shared one: registration must not wait on their failures
        registration = new EtcdRegistration(
                EtcdClients.connection(etcd), etcd, json, scheduler, runtime.getServiceName(), instanceId, instance);
        LOG.info(
                "Registering {} as {} at {}:{}",
                runtime.getServiceName(),
                instanceId,
                instance.address(),
                instance.port());
        registration.start();
    }

    @EventListener
    void shuttingDown(ShutdownEvent event) {
        leave();
    }

    /** Idempotent; also the bean's destruction, for contexts closed without a ShutdownEvent. */
    @PreDestroy
    void leave() {
        if (stopping) {
            return;
        }
        stopping = true;
        health.notServing();
        EtcdRegistration current = registration;
        if (current != null) {
            current.deregister();
            try {
                Thread.sleep(etcd.getDeregistrationGrace().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        scheduler.shutdownNow();
    }

    /** Whether the key is in etcd now (for readiness details and tests). */
    public boolean registered() {
        EtcdRegistration current = registration;
        return current != null && current.registered();
    }

    /** Time since etcd last confirmed this instance's lease; empty before the first confirmation. */
    public Optional<Duration> sinceLastRenewal() {
        EtcdRegistration current = registration;
        return current == null ? Optional.empty() : current.sinceLastRenewal();
    }

    private String advertisedHost(GrpcEmbeddedServer grpc) {
        if (etcd.getAdvertiseHost() != null && !etcd.getAdvertiseHost().isBlank()) {
            return etcd.getAdvertiseHost();
        }
        String bound = grpc.getServerConfiguration().getServerHost().orElse(null);
        if (bound != null && !bound.isBlank() && !bound.equals("0.0.0.0") && !bound.equals("::")) {
            return bound;
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(
                    "cannot determine this host's address; set community.etcd.advertise-host", e);
        }
    }

    private static String version() {
        Properties build = new Properties();
        try (InputStream in = EtcdInstanceRegistrar.class
                .getClassLoader()
                .getResourceAsStream("META-INF/community/build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            // the version is informative only
        }
        return build.getProperty("version", "unknown");
    }
}
