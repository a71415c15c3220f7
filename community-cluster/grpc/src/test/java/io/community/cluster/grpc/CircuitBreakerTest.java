package io.community.cluster.grpc;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.grpc.CallOptions;
import io.grpc.Channel;
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
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The per-backend circuit breaker over a real in-process channel. */
class CircuitBreakerTest {
    private final TestService service = new TestService();
    private Server server;
    private ManagedChannel channel;
    private CircuitBreakerClientInterceptor interceptor;
    private Channel guarded;

    @BeforeEach
    void start() throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(service, new ErrorServerInterceptor()))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
        CircuitBreakerProperties properties = new CircuitBreakerProperties();
        properties.setSlidingWindowSize(10);
        properties.setMinimumNumberOfCalls(10);
        properties.setWaitInOpenState(Duration.ofMillis(500));
        properties.setPermittedCallsInHalfOpenState(2);
        interceptor = new CircuitBreakerClientInterceptor(properties.breaker("creation"));
        guarded = ClientInterceptors.intercept(channel, interceptor);
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private Status.Code call() {
        return call(CallOptions.DEFAULT);
    }

    /** A backend too slow for the caller's deadline: the client sees DEADLINE_EXCEEDED, no answer of the service. */
    private Status.Code callTooSlowBackend() {
        service.handler = request -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "late";
        };
        return call(CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.MILLISECONDS));
    }

    private Status.Code call(CallOptions options) {
        try {
            ClientCalls.blockingUnaryCall(guarded, TestService.CALL, options, "x");
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void aSickBackendOpensTheCircuitAndCallsThenFailFastWithoutReachingIt() {
        for (int i = 0; i < 10; i++) {
            assertThat(callTooSlowBackend()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        }
        assertThat(interceptor.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int reached = service.invocations.get();

        StatusRuntimeException refused = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(guarded, TestService.CALL, CallOptions.DEFAULT, "x"));
        assertThat(refused.getStatus().getDescription()).contains("circuit open for creation");
        assertThat(GrpcErrors.fromStatus(refused).reason()).isEqualTo(ErrorReason.SERVICE_UNAVAILABLE);
        assertThat(service.invocations.get()).isEqualTo(reached);
    }

    @Test
    void businessErrorsDoNotCountAsSickness() {
        service.handler = request -> {
            throw new DomainException(ErrorReason.NOT_FOUND, "no such post");
        };
        for (int i = 0; i < 30; i++) {
            assertThat(call()).isEqualTo(Status.Code.NOT_FOUND);
        }
        assertThat(interceptor.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aReasonedUnavailableAnswerIsNotSickness() {
        service.handler = request -> {
            throw DomainException.unavailable("codes cannot be sent now", Duration.ofSeconds(5));
        };
        for (int i = 0; i < 30; i++) {
            assertThat(call()).isEqualTo(Status.Code.UNAVAILABLE);
        }
        assertThat(interceptor.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(service.invocations.get()).isEqualTo(30);
    }

    @Test
    void theCircuitClosesAgainOnceTheBackendRecovers() throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            callTooSlowBackend();
        }
        assertThat(interceptor.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        service.handler = request -> "fine";
        Thread.sleep(700);
        assertThat(call()).isEqualTo(Status.Code.OK);
        assertThat(call()).isEqualTo(Status.Code.OK);
        assertThat(interceptor.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
