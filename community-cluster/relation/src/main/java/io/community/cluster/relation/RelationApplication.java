package io.community.cluster.relation;

import io.community.cluster.service.ServiceLauncher;

/** The relation service: gRPC on 28282, health and metrics over HTTP on 28283 (GRPC_SERVER_PORT, MICRONAUT_SERVER_PORT). */
public final class RelationApplication {
    public static final int GRPC_PORT = 28282;
    public static final int HTTP_PORT = 28283;

    private RelationApplication() {}

    public static void main(String[] args) {
        ServiceLauncher.run(RelationApplication.class, GRPC_PORT, HTTP_PORT, args);
    }
}
