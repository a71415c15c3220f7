package io.community.cluster.gateway;

import io.grpc.ManagedChannel;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One channel per backend, created with the context and closed with it. */
class ShutdownTest {

    @Test
    void theBackendChannelsCloseWithTheApplication() {
        ApplicationContext context = ApplicationContext.run(
                Map.of(
                        "community.backends.user", "127.0.0.1:1",
                        "community.backends.relation", "127.0.0.1:2",
                        "community.backends.creation", "127.0.0.1:3",
                        // closes at once; the health monitor's scheduled start would race with that
                        "micronaut.health.monitor.enabled", "false"),
                "test");
        List<ManagedChannel> channels = List.of("user", "relation", "creation").stream()
                .map(name -> context.getBean(Backend.class, Qualifiers.byName(name)))
                .map(Backend::channel)
                .toList();
        assertThat(context.getBeansOfType(Backend.class)).hasSize(3);
        assertThat(context.getBean(Backend.class, Qualifiers.byName("relation")).target())
                .isEqualTo("127.0.0.1:2");
        assertThat(channels).noneMatch(ManagedChannel::isShutdown);

        context.close();

        assertThat(channels).allMatch(ManagedChannel::isShutdown);
    }
}
