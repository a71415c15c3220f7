package io.community.cluster.service;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fixed ports are only defaults: configuration of any kind wins over them. */
class ServiceLauncherTest {

    @Test
    void theFixedPortsApplyWhenNothingElseIsSet() {
        try (ApplicationContext context = ApplicationContext.builder()
                .propertySources(ServiceLauncher.defaultPorts(18282, 18283))
                .build()) {
            context.getEnvironment().start();
            assertThat(context.getEnvironment().getProperty("grpc.server.port", Integer.class))
                    .contains(18282);
            assertThat(context.getEnvironment().getProperty("micronaut.server.port", Integer.class))
                    .contains(18283);
        }
    }

    @Test
    void environmentVariablesAndApplicationYmlOverrideThem() {
        // the positions of environment variables (-200) and application.yml (-300)
        try (ApplicationContext context = ApplicationContext.builder()
                .propertySources(
                        ServiceLauncher.defaultPorts(18282, 18283),
                        PropertySource.of("env-like", Map.of("grpc.server.port", 5000), -200),
                        PropertySource.of("yml-like", Map.of("micronaut.server.port", 6000), -300))
                .build()) {
            context.getEnvironment().start();
            assertThat(context.getEnvironment().getProperty("grpc.server.port", Integer.class))
                    .contains(5000);
            assertThat(context.getEnvironment().getProperty("micronaut.server.port", Integer.class))
                    .contains(6000);
        }
    }

    @Test
    void versionFallsBackToUnknownWithoutBuildInfo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ServiceLauncher.printVersion(ServiceLauncherTest.class, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("commit").contains("built");
    }
}
