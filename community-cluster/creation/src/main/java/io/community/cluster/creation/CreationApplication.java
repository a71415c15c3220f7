package io.community.cluster.creation;

import io.community.cluster.service.ServiceLauncher;

/** The creation service: gRPC on 38282, health and metrics over HTTP on 38283 (GRPC_SERVER_PORT, MICRONAUT_SERVER_PORT). */
public final class CreationApplication {
    public static final int GRPC_PORT = 38282;
    public static final int HTTP_PORT = 38283;

    private CreationApplication() {}

    public static void main(String[] args) {
        ServiceLauncher.run(CreationApplication.class, GRPC_PORT, HTTP_PORT, args);
    }
}
