package io.community.web.auth;

import io.community.web.testing.FakeUsers;
import io.community.web.testing.Http;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** With the local connection configured as a trusted proxy, the forwarded address is the client's. */
@MicronautTest
@Property(name = "community.http.trusted-proxies", value = "127.0.0.1,::1")
class TrustedProxyEndpointTest {
    @Inject
    EmbeddedServer server;

    @Inject
    FakeUsers users;

    @Test
    void theRightMostUntrustedForwardedAddress() {
        new Http(server)
                .send(
                        "POST",
                        "/api/v1/auth/login",
                        null,
                        ClientAddressEndpointTest.LOGIN,
                        "application/json",
                        "X-Forwarded-For",
                        "198.51.100.1, 203.0.113.9");

        assertThat(users.lastLoginIp()).isEqualTo("203.0.113.9");
    }
}
