package io.community.single;

import io.community.common.cache.InMemoryCache;
import io.community.common.cache.KeyValueCache;
import io.community.common.mail.LogMailSender;
import io.community.common.mail.MailSender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With no configuration the monolith needs no external service; a weak secret stops it. */
class EmbeddedDefaultsTest {

    @Test
    void startsOnH2WithTheInProcessCacheAndLogMail() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "datasources.default.url",
                        "jdbc:h2:mem:embedded;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"))) {
            ApplicationContext ctx = server.getApplicationContext();
            assertThat(ctx.getBean(KeyValueCache.class)).isInstanceOf(InMemoryCache.class);
            assertThat(ctx.getBean(MailSender.class)).isInstanceOf(LogMailSender.class);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> sent = http.send(
                    HttpRequest.newBuilder(server.getURI().resolve("/api/v1/auth/email"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"embedded@example.com\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            assertThat(status(http, server.getURI().resolve("/health/readiness")))
                    .isEqualTo(200);
            assertThat(status(http, server.getURI().resolve("/apis/swagger/index.html")))
                    .isEqualTo(200);
        }
    }

    @Test
    void aSecretShorterThan256BitsRefusesToStart() {
        assertThatThrownBy(() -> ApplicationContext.run(
                        EmbeddedServer.class,
                        Map.of(
                                "datasources.default.url", "jdbc:h2:mem:weak;MODE=MySQL;DATABASE_TO_LOWER=TRUE",
                                "community.jwt.secret", "too-short")))
                .isInstanceOf(BeanInstantiationException.class)
                .hasStackTraceContaining("at least 256 bits");
    }

    private static int status(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
