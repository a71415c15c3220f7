package io.community.web.user;

import io.community.web.testing.FakeUsers;
import io.community.web.testing.Http;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who sees a user's login address: the user themself and admins, like email and phone. */
@MicronautTest
class UserViewsTest {
    @Inject
    EmbeddedServer server;

    private String bobAs(String token) {
        Http.Answer answer = new Http(server).send("GET", "/api/v1/user/" + FakeUsers.BOB, token, null, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    @Test
    void anotherUserSeesNoLoginAddressEmailOrPhone() {
        assertThat(bobAs("alice"))
                .contains("\"nickName\":\"Bob\"")
                .contains("\"loginAt\":")
                .doesNotContain("loginIp")
                .doesNotContain("203.0.113.9")
                .doesNotContain("email")
                .doesNotContain("phone");
    }

    @Test
    void theUserThemselfAndAdminsSeeIt() {
        assertThat(bobAs("bob")).contains("\"loginIp\":\"203.0.113.9\"").contains("\"email\":\"bob@example.com\"");
        assertThat(bobAs("admin")).contains("\"loginIp\":\"203.0.113.9\"").contains("\"phone\":\"+200\"");
    }
}
