package io.community.cluster.grpc;

import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.community.common.error.DependencyFailures;
import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A service whose database is down answers UNAVAILABLE with our ErrorInfo and a RetryInfo, and the
 * caller's read retries do not run it again (each attempt would wait for the pool once more).
 */
class DependencyFailureTest {
    private final TestService service = new TestService();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws IOException {
        ServerServiceDefinition definition = service.bindService();
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(definition, new ErrorServerInterceptor()))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name)
                .defaultServiceConfig(RetryPolicies.readsOnUnavailable(List.of(definition.getServiceDescriptor()), 3))
                .enableRetry()
                .build();
        // what a store throws when Hikari cannot get a connection: wrapped by Micronaut Data
        service.handler = request -> {
            throw new RuntimeException(
                    "Error executing SQL",
                    new SQLTransientConnectionException(
                            "HikariPool-1 - Connection is not available, request timed out after 2000ms (db.internal:3306)"));
        };
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aDatabaseOutageIsUnavailableWithRetryInfoAndNoInternals() throws Exception {
        StatusRuntimeException sre = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, TestService.CALL, CallOptions.DEFAULT, "x"));

        assertThat(sre.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        com.google.rpc.Status details = StatusProto.fromThrowable(sre);
        assertThat(details).isNotNull();
        assertThat(details.getMessage()).doesNotContain("Hikari").doesNotContain("db.internal");
        ErrorInfo info = details.getDetailsList().stream()
                .filter(a -> a.is(ErrorInfo.class))
                .findFirst()
                .orElseThrow()
                .unpack(ErrorInfo.class);
        assertThat(info.getReason()).isEqualTo(ErrorReason.SERVICE_UNAVAILABLE.name());
        RetryInfo retry = details.getDetailsList().stream()
                .filter(a -> a.is(RetryInfo.class))
                .findFirst()
                .orElseThrow()
                .unpack(RetryInfo.class);
        assertThat(retry.getRetryDelay().getSeconds()).isEqualTo(DependencyFailures.RETRY_AFTER.getSeconds());

        DomainException back = GrpcErrors.fromStatus(sre);
        assertThat(back.reason()).isEqualTo(ErrorReason.SERVICE_UNAVAILABLE);
        assertThat(back.retryAfter()).contains(DependencyFailures.RETRY_AFTER);
    }

    @Test
    void aReadIsNotRetriedWhenTheServerSaysWhenToComeBack() {
        StatusRuntimeException sre = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, TestService.READ, CallOptions.DEFAULT, "r"));

        assertThat(sre.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(service.invocations.get()).isEqualTo(1);
    }

    @Test
    void anUnavailableWithoutRetryHintIsStillRetried() {
        service.handler = request -> {
            throw new DomainException(ErrorReason.SERVICE_UNAVAILABLE);
        };

        catchThrowableOfType(
                StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, TestService.READ, CallOptions.DEFAULT, "r"));

        assertThat(service.invocations.get()).isEqualTo(3);
    }

    @Test
    void aRelayedOutageKeepsItsRetryHint() {
        service.handler = request -> {
            throw GrpcErrors.toStatus(DomainException.unavailable("down", Duration.ofSeconds(2)));
        };

        StatusRuntimeException sre = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, TestService.READ, CallOptions.DEFAULT, "r"));

        assertThat(GrpcErrors.fromStatus(sre).retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(service.invocations.get()).isEqualTo(1);
    }
}
