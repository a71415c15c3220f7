package io.community.cluster.gateway;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/**
 * The gateway (a {@code @MicronautTest} subclass) in front of in-process {@link FakeBackends},
 * connected to all of them before the first test and stopped with the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GatewayOverFakesTest implements TestPropertyProvider {
    protected FakeBackends backends;

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    /** The gateway's settings on top of the backends' addresses. */
    protected abstract Map<String, String> settings();

    @Override
    public final Map<String, String> getProperties() {
        backends = FakeBackends.start();
        Map<String, String> properties = new HashMap<>(backends.properties());
        properties.putAll(settings());
        return properties;
    }

    @BeforeAll
    void awaitConnected() {
        Fixtures.awaitReady(server.getURI());
    }

    @AfterAll
    void stopBackends() {
        backends.close();
    }
}
