package io.community.cluster.service;

import io.community.common.launch.BuildInfo;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.Micronaut;

import java.io.PrintStream;
import java.util.Map;

/**
 * Starts one service of the cluster: its gRPC port and its HTTP management port (health, metrics).
 *
 * <p>The documented fixed ports are defaults given here, below every other property source
 * (application.yml, environment variables, system properties), rather than in application.yml:
 * tests build their own context without this launcher and so get random ports, never the fixed
 * ones another process may hold. GRPC_SERVER_PORT and MICRONAUT_SERVER_PORT still override them.
 */
public final class ServiceLauncher {
    /** Below application.yml (-300), environment variables (-200) and system properties (-100). */
    static final int DEFAULTS_ORDER = -400;

    private ServiceLauncher() {}

    /** Starts the service, or prints its version for {@code --version}; returns null then. */
    public static ApplicationContext run(Class<?> mainClass, int grpcPort, int httpPort, String... args) {
        if (BuildInfo.printIfAsked(args, mainClass, System.out)) {
            return null;
        }
        return Micronaut.build(args)
                .mainClass(mainClass)
                .banner(false)
                .propertySources(defaultPorts(grpcPort, httpPort))
                .start();
    }

    /** The fixed ports as the lowest-priority property source. */
    public static PropertySource defaultPorts(int grpcPort, int httpPort) {
        return PropertySource.of(
                "community-service-ports",
                Map.of("grpc.server.port", grpcPort, "micronaut.server.port", httpPort),
                DEFAULTS_ORDER);
    }

    /** Name, version, build time and commit, from the resources the module's build filters. */
    public static void printVersion(Class<?> mainClass, PrintStream out) {
        BuildInfo.print(mainClass, out);
    }
}
