package io.community.cluster.gateway;

import io.community.common.launch.BuildInfo;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.Micronaut;

import java.util.Map;

/**
 * The cluster's HTTP gateway: community-web's controllers, envelope, auth filter and composition,
 * unchanged, over gRPC clients of the user, relation and creation services.
 */
public final class GatewayApplication {
    private GatewayApplication() {}

    /** Below application.yml (-300), environment variables (-200) and system properties (-100). */
    static final int DEFAULTS_ORDER = -400;

    static final int MANAGEMENT_PORT = 8081;

    public static void main(String[] args) {
        if (BuildInfo.printIfAsked(args, GatewayApplication.class, System.out)) {
            return;
        }
        Micronaut.build(args)
                .mainClass(GatewayApplication.class)
                .banner(false)
                .propertySources(defaultManagementPort())
                .start();
    }

    /**
     * The management port (metrics, health) as the lowest-priority property source rather than in
     * application.yml: tests build their own context without this launcher and so never bind it.
     * ENDPOINTS_ALL_PORT (or any other source of endpoints.all.port) overrides it.
     */
    static PropertySource defaultManagementPort() {
        return PropertySource.of(
                "community-management-port", Map.of("endpoints.all.port", MANAGEMENT_PORT), DEFAULTS_ORDER);
    }
}
