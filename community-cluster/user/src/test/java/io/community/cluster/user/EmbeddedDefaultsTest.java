package io.community.cluster.user;

import io.community.cluster.service.testing.ServiceProbe;
import io.community.common.cache.InMemoryCache;
import io.community.common.cache.KeyValueCache;
import io.community.common.mail.LogMailSender;
import io.community.common.mail.MailSender;
import io.community.proto.mapping.UserProtos;
import io.community.proto.v1.UserServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With no configuration the user service needs nothing external: H2, in-process cache, mails to the log. */
class EmbeddedDefaultsTest {

    @Test
    void startsOnH2WithTheInProcessCacheAndLogMail() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(
                        EmbeddedServer.class,
                        Map.of(
                                "datasources.default.url",
                                "jdbc:h2:mem:user-embedded;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"));
                ServiceProbe probe = ServiceProbe.of(server.getApplicationContext())) {
            ApplicationContext ctx = server.getApplicationContext();
            assertThat(ctx.getBean(KeyValueCache.class)).isInstanceOf(InMemoryCache.class);
            assertThat(ctx.getBean(MailSender.class)).isInstanceOf(LogMailSender.class);
            assertThat(probe.health("")).isEqualTo(ServingStatus.SERVING);
            UserServiceGrpc.newBlockingStub(probe.channel())
                    .sendEmailCode(UserProtos.sendEmailCodeRequest("embedded@example.com"));
            assertThat(probe.get("/health/readiness").statusCode()).isEqualTo(200);

            // gRPC listens on loopback only, unless GRPC_SERVER_HOST says otherwise
            GrpcEmbeddedServer grpc = ctx.getBean(GrpcEmbeddedServer.class);
            assertThat(grpc.getServer().getListenSockets())
                    .isNotEmpty()
                    .allSatisfy(address -> assertThat(
                                    ((InetSocketAddress) address).getAddress().isLoopbackAddress())
                            .as(address.toString())
                            .isTrue());
            // no reflection unless switched on
            StatusRuntimeException reflection = ServiceProbe.status(() -> {
                try {
                    probe.reflectedServices();
                } catch (ExecutionException e) {
                    throw (RuntimeException) e.getCause();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(reflection.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
            // no internal secret configured: the internal RPCs refuse every caller, whatever it presents
            StatusRuntimeException guessed = ServiceProbe.status(
                    () -> UserServiceGrpc.newBlockingStub(probe.member("a-guess-at-the-internal-secret-0123456789"))
                            .summaries(UserProtos.summariesRequest(List.of(1L))));
            assertThat(guessed.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }

    @Test
    void anInternalSecretShorterThan32BytesRefusesToStart() {
        assertThatThrownBy(() -> ApplicationContext.run(
                        EmbeddedServer.class,
                        Map.of(
                                "datasources.default.url",
                                        "jdbc:h2:mem:user-short;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                                "community.cluster.internal-secret", "too-short")))
                .hasStackTraceContaining("at least 32 are required");
    }
}
