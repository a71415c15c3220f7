package io.community.cluster.grpc;

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
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Reads are retried after UNAVAILABLE, writes never; over a real in-process channel. */
class RetryPoliciesTest {
    private final TestService service = new TestService();
    private final AtomicInteger attempts = new AtomicInteger();
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
        // the first attempt of every call fails as an unreachable instance would
        service.handler = request -> {
            if (attempts.incrementAndGet() % 2 == 1) {
                throw new DomainException(ErrorReason.SERVICE_UNAVAILABLE);
            }
            return "ok:" + request;
        };
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aReadIsRetriedAndSucceeds() {
        assertThat(ClientCalls.blockingUnaryCall(channel, TestService.READ, CallOptions.DEFAULT, "r"))
                .isEqualTo("ok:r");
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void aWriteIsNotRetried() {
        StatusRuntimeException e = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, TestService.CALL, CallOptions.DEFAULT, "w"));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void theConfigNamesOnlySafeMethods() {
        Map<String, Object> config =
                RetryPolicies.readsOnUnavailable(List.of(service.bindService().getServiceDescriptor()), 3);
        assertThat(config.toString())
                .contains("method=Read")
                .doesNotContain("method=Call")
                .doesNotContain("method=Login");
    }
}
