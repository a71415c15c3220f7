package io.community.cluster.user;

import io.community.cluster.service.testing.ServiceProbe;
import io.community.common.cache.InMemoryCache;
import io.community.common.cache.KeyValueCache;
import io.community.common.mail.LogMailSender;
import io.community.common.mail.MailSender;
import io.community.proto.mapping.UserProtos;
import io.community.proto.v1.UserServiceGrpc;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With no configuration the user service needs nothing external: H2, in-process cache, mails to the log. */
class EmbeddedDefaultsTest {

    @Test
    void startsOnH2WithTheInProcessCacheAndLogMail() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("datasources.default.url", "jdbc:h2:mem:user-embedded;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"));
             ServiceProbe probe = ServiceProbe.of(server.getApplicationContext())) {
            ApplicationContext ctx = server.getApplicationContext();
            assertThat(ctx.getBean(KeyValueCache.class)).isInstanceOf(InMemoryCache.class);
            assertThat(ctx.getBean(MailSender.class)).isInstanceOf(LogMailSender.class);
            assertThat(probe.health("")).isEqualTo(ServingStatus.SERVING);
            UserServiceGrpc.newBlockingStub(probe.channel()).sendEmailCode(UserProtos.sendEmailCodeRequest("embedded@example.com"));
            assertThat(probe.get("/health/readiness").statusCode()).isEqualTo(200);
        }
    }
}
