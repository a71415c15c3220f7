package io.community.cluster.user;

import io.community.cluster.service.ServiceLauncher;

/** The user service: gRPC on 18282, health and metrics over HTTP on 18283 (GRPC_SERVER_PORT, MICRONAUT_SERVER_PORT). */
public final class UserApplication {
    public static final int GRPC_PORT = 18282;
    public static final int HTTP_PORT = 18283;

    private UserApplication() {}

    public static void main(String[] args) {
        ServiceLauncher.run(UserApplication.class, GRPC_PORT, HTTP_PORT, args);
    }
}
