package io.community.cluster.grpc;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.community.common.error.DomainException;
import io.community.common.error.ErrorCategory;
import io.community.common.error.ErrorReason;
import io.community.common.error.FieldError;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Errors through a real in-process server and channel, with ErrorServerInterceptor installed. */
class ErrorRoundTripTest {
    /** Written out rather than derived from GrpcErrors.code, so a wrong mapping fails here. */
    private static final Map<ErrorCategory, Status.Code> EXPECTED_CODE = new EnumMap<>(Map.of(
            ErrorCategory.INVALID_ARGUMENT, Status.Code.INVALID_ARGUMENT,
            ErrorCategory.UNAUTHENTICATED, Status.Code.UNAUTHENTICATED,
            ErrorCategory.PERMISSION_DENIED, Status.Code.PERMISSION_DENIED,
            ErrorCategory.NOT_FOUND, Status.Code.NOT_FOUND,
            ErrorCategory.ALREADY_EXISTS, Status.Code.ALREADY_EXISTS,
            ErrorCategory.FAILED_PRECONDITION, Status.Code.FAILED_PRECONDITION,
            ErrorCategory.RESOURCE_EXHAUSTED, Status.Code.RESOURCE_EXHAUSTED,
            ErrorCategory.UNAVAILABLE, Status.Code.UNAVAILABLE,
            ErrorCategory.DEADLINE_EXCEEDED, Status.Code.DEADLINE_EXCEEDED,
            ErrorCategory.INTERNAL, Status.Code.INTERNAL));

    private final TestService service = new TestService();
    private Server server;
    private ManagedChannel channel;
    private String name;

    @BeforeEach
    void start() throws IOException {
        name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(service, new ErrorServerInterceptor()))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(ErrorReason.class)
    void everyReasonRoundTripsWithMessageMetadataAndFieldErrors(ErrorReason reason) {
        String message = "über " + reason.name() + " — 4-byte 😀, \"quotes\" and a\nnewline";
        Map<String, String> metadata = Map.of("postId", "42", "userId", "7");
        List<FieldError> fieldErrors = List.of(
                new FieldError("title", "size must be between 1 and 250"),
                new FieldError("longitude", "must be ≥ -180"),
                new FieldError("title", "second error for the same field keeps its order"));
        service.handler = request -> {
            throw new DomainException(reason, message, metadata, fieldErrors);
        };

        StatusRuntimeException sre = call("x");
        DomainException back = GrpcErrors.fromStatus(sre);

        assertThat(sre.getStatus().getCode()).isEqualTo(EXPECTED_CODE.get(reason.category()));
        assertThat(back.reason()).isEqualTo(reason);
        String expectedMessage = reason.category() == ErrorCategory.INTERNAL ? reason.defaultMessage() : message;
        assertThat(back.getMessage()).isEqualTo(expectedMessage);
        assertThat(back.metadata()).isEqualTo(metadata);
        assertThat(back.fieldErrors()).containsExactlyElementsOf(fieldErrors);
    }

    @ParameterizedTest
    @EnumSource(ErrorReason.class)
    void everyReasonRoundTripsWithDefaults(ErrorReason reason) {
        service.handler = request -> {
            throw new DomainException(reason);
        };

        StatusRuntimeException sre = call("x");
        DomainException back = GrpcErrors.fromStatus(sre);

        assertThat(back.reason()).isEqualTo(reason);
        assertThat(back.getMessage()).isEqualTo(reason.defaultMessage());
        assertThat(back.metadata()).isEmpty();
        assertThat(back.fieldErrors()).isEmpty();
        assertThat(StatusProto.fromThrowable(sre).getDetailsList()).noneMatch(any -> any.is(BadRequest.class));
    }

    @Test
    void internalHidesTheMessage() {
        service.handler = request -> {
            throw new DomainException(ErrorReason.INTERNAL_ERROR, "SELECT * FROM user failed: secret-host:3306");
        };

        StatusRuntimeException sre = call("x");

        assertThat(sre.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(sre.getStatus().getDescription()).isEqualTo("internal server error");
        assertThat(sre.getTrailers().toString()).doesNotContain("secret-host");
        assertThat(StatusProto.fromThrowable(sre).toString()).doesNotContain("secret-host");
        assertThat(GrpcErrors.fromStatus(sre).getMessage()).isEqualTo("internal server error");
    }

    @Test
    void plainRuntimeExceptionBecomesInternalWithoutDetail() throws Exception {
        service.handler = request -> {
            throw new IllegalStateException("boom: password=hunter2");
        };

        StatusRuntimeException sre = call("x");

        assertThat(sre.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(sre.getStatus().getDescription()).isEqualTo("internal server error");
        assertThat(sre.getStatus().getCause()).isNull();
        com.google.rpc.Status details = StatusProto.fromThrowable(sre);
        assertThat(details.toString()).doesNotContain("hunter2").doesNotContain("IllegalStateException");
        // the only detail names the generic reason, with nothing in it
        assertThat(details.getDetailsList()).hasSize(1);
        ErrorInfo info = details.getDetails(0).unpack(ErrorInfo.class);
        assertThat(info.getReason()).isEqualTo("INTERNAL_ERROR");
        assertThat(info.getMetadataMap()).isEmpty();
        DomainException back = GrpcErrors.fromStatus(sre);
        assertThat(back.reason()).isEqualTo(ErrorReason.INTERNAL_ERROR);
        assertThat(back.getMessage()).isEqualTo("internal server error");
    }

    @Test
    void withoutTheInterceptorADomainExceptionWouldBeLost() throws Exception {
        // control: shows that the mapping above is the interceptor's doing
        String bare = InProcessServerBuilder.generateName();
        Server plain =
                InProcessServerBuilder.forName(bare).addService(service).build().start();
        ManagedChannel plainChannel = InProcessChannelBuilder.forName(bare).build();
        try {
            service.handler = request -> {
                throw DomainException.notFound("post");
            };
            StatusRuntimeException sre = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> ClientCalls.blockingUnaryCall(plainChannel, TestService.CALL, CallOptions.DEFAULT, "x"));

            assertThat(sre.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
            assertThat(GrpcErrors.fromStatus(sre).reason()).isEqualTo(ErrorReason.INTERNAL_ERROR);
        } finally {
            plainChannel.shutdownNow();
            plain.shutdownNow();
        }
    }

    @Test
    void downstreamDomainErrorIsRelayedUnchanged() {
        // a service that let another service's answer escape instead of translating it
        service.handler = request -> {
            throw GrpcErrors.toStatus(new DomainException(
                    ErrorReason.CANNOT_FOLLOW_SELF, "cannot follow 7", Map.of("userId", "7"), List.of()));
        };

        StatusRuntimeException sre = call("x");
        DomainException back = GrpcErrors.fromStatus(sre);

        assertThat(sre.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(back.reason()).isEqualTo(ErrorReason.CANNOT_FOLLOW_SELF);
        assertThat(back.getMessage()).isEqualTo("cannot follow 7");
        assertThat(back.metadata()).containsEntry("userId", "7");
    }

    @Test
    void downstreamOutageIsRelayedAsServiceUnavailable() {
        service.handler = request -> {
            throw Status.UNAVAILABLE
                    .withDescription("io.netty: connection refused 10.0.0.9")
                    .asRuntimeException();
        };

        StatusRuntimeException sre = call("x");
        DomainException back = GrpcErrors.fromStatus(sre);

        assertThat(sre.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(sre.getStatus().getDescription()).doesNotContain("10.0.0.9");
        assertThat(back.reason()).isEqualTo(ErrorReason.SERVICE_UNAVAILABLE);
    }

    @Test
    void successStillWorks() {
        assertThat(ClientCalls.blockingUnaryCall(channel, TestService.CALL, CallOptions.DEFAULT, "hi"))
                .isEqualTo("echo:hi");
    }

    @Test
    void unreachableServerIsServiceUnavailable() {
        ManagedChannel nowhere =
                InProcessChannelBuilder.forName("no-such-server-" + name).build();
        try {
            StatusRuntimeException sre = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> ClientCalls.blockingUnaryCall(nowhere, TestService.CALL, CallOptions.DEFAULT, "x"));

            assertThat(sre.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            DomainException back = GrpcErrors.fromStatus(sre);
            assertThat(back.reason()).isEqualTo(ErrorReason.SERVICE_UNAVAILABLE);
            assertThat(back.getMessage()).isEqualTo("service unavailable");
        } finally {
            nowhere.shutdownNow();
        }
    }

    @Test
    void closedChannelIsServiceUnavailable() {
        channel.shutdownNow();

        StatusRuntimeException sre = call("x");

        assertThat(sre.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(GrpcErrors.fromStatus(sre).reason()).isEqualTo(ErrorReason.SERVICE_UNAVAILABLE);
    }

    @Test
    void stoppedServerIsServiceUnavailable() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);

        StatusRuntimeException sre = call("x");

        assertThat(sre.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(GrpcErrors.fromStatus(sre).reason()).isEqualTo(ErrorReason.SERVICE_UNAVAILABLE);
    }

    @Test
    void deadlineIsDeadlineExceeded() {
        CountDownLatch release = new CountDownLatch(1);
        service.handler = request -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "late";
        };
        try {
            StatusRuntimeException sre = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> ClientCalls.blockingUnaryCall(
                            channel,
                            TestService.CALL,
                            CallOptions.DEFAULT.withDeadlineAfter(100, TimeUnit.MILLISECONDS),
                            "x"));

            assertThat(sre.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            DomainException back = GrpcErrors.fromStatus(sre);
            assertThat(back.reason()).isEqualTo(ErrorReason.DEADLINE_EXCEEDED);
            assertThat(back.getMessage()).isEqualTo("deadline exceeded");
        } finally {
            release.countDown();
        }
    }

    private StatusRuntimeException call(String request) {
        StatusRuntimeException sre = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, TestService.CALL, CallOptions.DEFAULT, request));
        assertThat(sre).as("the call should have failed").isNotNull();
        return sre;
    }
}
