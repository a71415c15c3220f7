package io.community.cluster.grpc;

import io.community.common.error.ErrorReason;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The deadline every backend call gets, over a real in-process channel. */
class DeadlineTest {
    private final TestService service = new TestService();
    private final CountDownLatch release = new CountDownLatch(1);
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(service)
                .executor(java.util.concurrent.Executors.newCachedThreadPool())
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
        service.handler = request -> {
            if (request.equals("slow")) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return "done:" + request;
        };
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aSlowBackendFailsAtTheDeadlineAsTheDeadlineReason() {
        Channel withDeadline = BackendChannels.intercepted(channel, Duration.ofMillis(200));
        long start = System.nanoTime();
        StatusRuntimeException e = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(withDeadline, TestService.CALL, CallOptions.DEFAULT, "slow"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(150)).isLessThan(Duration.ofSeconds(5));
        assertThat(GrpcErrors.fromStatus(e).reason()).isEqualTo(ErrorReason.DEADLINE_EXCEEDED);
    }

    @Test
    void aFastCallIsUntouched() {
        Channel withDeadline = BackendChannels.intercepted(channel, Duration.ofMillis(500));
        assertThat(ClientCalls.blockingUnaryCall(withDeadline, TestService.CALL, CallOptions.DEFAULT, "quick"))
                .isEqualTo("done:quick");
    }

    @Test
    void aShorterDeadlineOfTheCallerWins() {
        Channel withDeadline = BackendChannels.intercepted(channel, Duration.ofSeconds(30));
        long start = System.nanoTime();
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(
                        withDeadline,
                        TestService.CALL,
                        CallOptions.DEFAULT.withDeadlineAfter(200, TimeUnit.MILLISECONDS),
                        "slow"))
                .isInstanceOf(StatusRuntimeException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aNonPositiveDeadlineIsRefused() {
        assertThatThrownBy(() -> new DeadlineClientInterceptor(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackendsProperties().setDeadline(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
