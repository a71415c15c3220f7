package io.community.cluster.gateway;

import io.micronaut.runtime.Micronaut;

/**
 * The cluster's HTTP gateway: community-web's controllers, envelope, auth filter and composition,
 * unchanged, over gRPC clients of the user, relation and creation services.
 */
public final class GatewayApplication {
    private GatewayApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(GatewayApplication.class).banner(false).start();
    }
}
