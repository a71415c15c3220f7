package io.community.cluster.service;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.Micronaut;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Properties;

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

    private ServiceLauncher() {
    }

    /** Starts the service, or prints its version for {@code --version}; returns null then. */
    public static ApplicationContext run(Class<?> mainClass, int grpcPort, int httpPort, String... args) {
        for (String arg : args) {
            if ("--version".equals(arg)) {
                printVersion(mainClass, System.out);
                return null;
            }
        }
        return Micronaut.build(args).mainClass(mainClass).banner(false)
                .propertySources(defaultPorts(grpcPort, httpPort))
                .start();
    }

    /** The fixed ports as the lowest-priority property source. */
    public static PropertySource defaultPorts(int grpcPort, int httpPort) {
        return PropertySource.of("community-service-ports",
                Map.of("grpc.server.port", grpcPort, "micronaut.server.port", httpPort), DEFAULTS_ORDER);
    }

    /** Name, version, build time and commit, from the resources the module's build filters. */
    public static void printVersion(Class<?> mainClass, PrintStream out) {
        Properties build = load(mainClass, "META-INF/community/build.properties");
        Properties git = load(mainClass, "META-INF/community/git.properties");
        out.printf("%s %s%n", build.getProperty("name", mainClass.getSimpleName()), build.getProperty("version", "unknown"));
        out.printf("built %s with Java %s%n", build.getProperty("built", "unknown"), build.getProperty("java", "unknown"));
        out.printf("commit %s%s%n", git.getProperty("git.commit.id.abbrev", "unknown"),
                "true".equals(git.getProperty("git.dirty")) ? " (dirty)" : "");
    }

    private static Properties load(Class<?> mainClass, String resource) {
        Properties properties = new Properties();
        try (InputStream in = mainClass.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // version output is best effort; the defaults say "unknown"
        }
        return properties;
    }
}
