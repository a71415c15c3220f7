package io.community.cluster.service;

import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerShutdownEvent;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the standard gRPC health service (grpc.health.v1, added by micronaut-grpc-health) from the
 * server's life: SERVING for the whole server ("") and each service once the gRPC server listens,
 * NOT_SERVING for all as soon as shutdown begins, so a load balancer stops routing here before the
 * port closes.
 */
@Singleton
public class GrpcHealthReporter {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcHealthReporter.class);

    private final HealthStatusManager health;

    public GrpcHealthReporter(HealthStatusManager health) {
        this.health = health;
        // HealthStatusManager starts with "" SERVING; nothing is served before the port is open
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.NOT_SERVING);
    }

    @EventListener
    void started(ServerStartupEvent event) {
        if (event.getSource() instanceof GrpcEmbeddedServer grpc) {
            for (ServerServiceDefinition service : grpc.getServer().getServices()) {
                health.setStatus(service.getServiceDescriptor().getName(), ServingStatus.SERVING);
            }
            health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
            LOG.info("gRPC health: SERVING on port {}", grpc.getPort());
        }
    }

    /** The HTTP or the gRPC server stopping means the process is going away; terminal, later SERVING is ignored. */
    @EventListener
    void stopping(ServerShutdownEvent event) {
        notServing();
    }

    @PreDestroy
    public void notServing() {
        health.enterTerminalState();
    }
}
