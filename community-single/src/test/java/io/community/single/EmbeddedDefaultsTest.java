package io.community.single;

import io.community.common.cache.InMemoryCache;
import io.community.common.cache.KeyValueCache;
import io.community.common.mail.LogMailSender;
import io.community.common.mail.MailSender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With no configuration the monolith needs no external service; a weak secret stops it. */
class EmbeddedDefaultsTest {

    @Test
    void startsOnH2WithTheInProcessCacheAndLogMail() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("datasources.default.url", "jdbc:h2:mem:embedded;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"))) {
            ApplicationContext ctx = server.getApplicationContext();
            assertThat(ctx.getBean(KeyValueCache.class)).isInstanceOf(InMemoryCache.class);
            assertThat(ctx.getBean(MailSender.class)).isInstanceOf(LogMailSender.class);
            Api api = new Api(server.getURI(), ctx.getBean(io.micronaut.json.JsonMapper.class));
            Api.Answer sent = api.post("/api/v1/auth/email", null, Map.of("email", "embedded@example.com"));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
            assertThat(api.get("/health/readiness", null).status()).isEqualTo(200);
            assertThat(api.get("/apis/swagger/index.html", null).status()).isEqualTo(200);
        }
    }

    @Test
    void aSecretShorterThan256BitsRefusesToStart() {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", "jdbc:h2:mem:weak;MODE=MySQL;DATABASE_TO_LOWER=TRUE",
                "community.jwt.secret", "too-short")))
                .isInstanceOf(BeanInstantiationException.class)
                .hasStackTraceContaining("at least 256 bits");
    }
}
