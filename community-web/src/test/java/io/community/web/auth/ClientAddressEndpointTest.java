package io.community.web.auth;

import io.community.web.testing.FakeUsers;
import io.community.web.testing.Http;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The login address the adapter hands to the user context, through a real connection from 127.0.0.1. */
@MicronautTest
class ClientAddressEndpointTest {
    static final String LOGIN = "{\"email\":\"a@example.com\",\"password\":\"password-1\"}";

    @Inject
    EmbeddedServer server;

    @Inject
    FakeUsers users;

    @Test
    void byDefaultTheConnectionsAddressAndNeverTheHeader() {
        new Http(server)
                .send("POST", "/api/v1/auth/login", null, LOGIN, "application/json", "X-Forwarded-For", "203.0.113.9");

        assertThat(users.lastLoginIp()).isEqualTo("127.0.0.1");
    }
}
