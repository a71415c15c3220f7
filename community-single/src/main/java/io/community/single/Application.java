package io.community.single;

import io.community.common.launch.BuildInfo;
import io.community.single.seed.SeedCommand;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.Micronaut;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/** The monolith: every context in one process, served by community-web. */
public final class Application {
    private Application() {}

    public static void main(String[] args) {
        if (args.length > 0 && "seed".equals(args[0])) {
            // a batch command, not a server: runs, then ends the JVM with its status, also when it
            // failed (the context's scheduler threads would otherwise keep the JVM alive)
            int status = 1;
            try {
                status = SeedCommand.run(Arrays.copyOfRange(args, 1, args.length), Map.of(), System.out);
            } catch (RuntimeException | Error e) {
                e.printStackTrace();
            } finally {
                System.exit(status);
            }
        }
        for (String arg : args) {
            if ("--version".equals(arg)) {
                printVersion(System.out);
                return;
            }
        }
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .propertySources(defaultManagementPort())
                .start();
    }

    /** Below application.yml (-300), environment variables (-200) and system properties (-100). */
    static final int DEFAULTS_ORDER = -400;

    static final int MANAGEMENT_PORT = 8081;

    /**
     * The management port (metrics, health) as the lowest-priority property source rather than in
     * application.yml: tests build their own context without this launcher and so never bind it.
     * ENDPOINTS_ALL_PORT (or any other source of endpoints.all.port) overrides it.
     */
    static PropertySource defaultManagementPort() {
        return PropertySource.of(
                "community-management-port", Map.of("endpoints.all.port", MANAGEMENT_PORT), DEFAULTS_ORDER);
    }

    static void printVersion(PrintStream out) {
        BuildInfo.print(Application.class, out);
    }
}
