package io.community.cluster.grpc;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Internal methods run only for callers with the cluster's secret; other methods are untouched. */
class InternalCredentialTest {
    private static final String SECRET = "the-internal-secret-of-this-cluster-0123456789";
    private final TestService service = new TestService();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws IOException {
        String name = InProcessServerBuilder.generateName();
        InternalCredential credential = InternalCredential.of(SECRET).orElseThrow();
        server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(
                        service,
                        credential.serverInterceptor(Set.of(TestService.CALL.getFullMethodName())),
                        new ErrorServerInterceptor()))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private String call(io.grpc.Channel through) {
        return ClientCalls.blockingUnaryCall(through, TestService.CALL, CallOptions.DEFAULT, "x");
    }

    @Test
    void theRightSecretIsServed() {
        assertThat(call(ClientInterceptors.intercept(
                        channel, InternalCredential.of(SECRET).orElseThrow().clientInterceptor())))
                .isEqualTo("echo:x");
    }

    @Test
    void noSecretOrAnotherIsPermissionDeniedAndTheHandlerNeverRuns() {
        for (io.grpc.Channel through : new io.grpc.Channel[] {
            channel,
            ClientInterceptors.intercept(
                    channel, InternalCredential.of(SECRET + "x").orElseThrow().clientInterceptor()),
            ClientInterceptors.intercept(
                    channel,
                    InternalCredential.of(SECRET.substring(1) + "!")
                            .orElseThrow()
                            .clientInterceptor()),
            ClientInterceptors.intercept(channel, InternalCredential.random().clientInterceptor())
        }) {
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> call(through));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(e.getStatus().getDescription()).doesNotContain(SECRET);
        }
        assertThat(service.invocations.get()).isZero();
    }

    @Test
    void otherMethodsNeedNoSecret() {
        assertThat(ClientCalls.blockingUnaryCall(channel, TestService.LOGIN, CallOptions.DEFAULT, "y"))
                .isEqualTo("echo:y");
    }

    @Test
    void aShortOrUnprintableSecretIsRefusedAndAnEmptyOneIsNone() {
        assertThatThrownBy(() -> InternalCredential.of("x".repeat(31))).hasMessageContaining("at least 32");
        assertThatThrownBy(() -> InternalCredential.of("ü".repeat(20) + " x")).hasMessageContaining("printable ASCII");
        assertThat(InternalCredential.of("")).isEmpty();
        assertThat(InternalCredential.of(null)).isEmpty();
        assertThat(InternalCredential.of(SECRET).orElseThrow().toString()).doesNotContain(SECRET);
    }

    @Test
    void aCallerTokenNamesTheCallerOnlyForItsServiceWithinItsLifetime() {
        InternalCredential cluster = InternalCredential.of(SECRET).orElseThrow();
        Actor admin = new Actor(9, Role.ADMIN);
        assertThat(cluster.verifyCaller(cluster.mintCaller("relation", admin, "sid-1"), "relation"))
                .isEqualTo(admin);

        Instant longAgo = Instant.now()
                .minus(InternalCredential.LIFETIME)
                .minus(InternalCredential.CLOCK_SKEW)
                .minusSeconds(1);
        String valid = cluster.mintCaller("relation", admin, "sid-1");
        for (String refused : List.of(
                cluster.mintCaller("relation", admin, "sid-1", longAgo), // expired
                cluster.mintCaller("creation", admin, "sid-1"), // for another service
                InternalCredential.random().mintCaller("relation", admin, "sid-1"), // another cluster's key
                valid.substring(0, valid.length() - 2) + (valid.endsWith("AA") ? "BB" : "AA"), // tampered signature
                cluster.mintMember(), // a member is no caller
                "not-a-token")) {
            assertThatThrownBy(() -> cluster.verifyCaller(refused, "relation"))
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.TOKEN_INVALID));
        }
    }

    @Test
    void noneOfTheSecretTravels() {
        InternalCredential cluster = InternalCredential.of(SECRET).orElseThrow();
        for (String token : List.of(cluster.mintMember(), cluster.mintCaller("user", new Actor(1, Role.USER), "s"))) {
            for (String part : token.split("\\.")) {
                assertThat(new String(
                                java.util.Base64.getUrlDecoder().decode(part),
                                java.nio.charset.StandardCharsets.ISO_8859_1))
                        .doesNotContain(SECRET);
            }
        }
    }
}
