package io.community.cluster.service;

import io.community.cluster.grpc.GrpcErrors;
import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.monitoring.limits.ConcurrencyLimitProperties;
import io.community.monitoring.limits.ConcurrencyLimiter;
import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyLimitServerInterceptorTest {
    private static final MethodDescriptor.Marshaller<String> NONE = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public String parse(InputStream stream) {
            return "";
        }
    };

    private final ConcurrencyLimiter limiter;
    private final ConcurrencyLimitServerInterceptor interceptor;
    private final AtomicInteger handlersStarted = new AtomicInteger();
    private final List<ServerCall<String, String>> handed = new ArrayList<>();
    /** A handler that neither answers nor fails: the call stays in flight until the test closes it. */
    private final ServerCallHandler<String, String> pending = (call, headers) -> {
        handlersStarted.incrementAndGet();
        handed.add(call);
        return new ServerCall.Listener<>() {};
    };

    ConcurrencyLimitServerInterceptorTest() {
        ConcurrencyLimitProperties p = new ConcurrencyLimitProperties();
        p.setAlgorithm(ConcurrencyLimitProperties.Algorithm.FIXED);
        p.setInitialLimit(2);
        p.setRetryAfter(Duration.ofSeconds(2));
        limiter = new ConcurrencyLimiter("grpc", p, new SimpleMeterRegistry());
        interceptor = new ConcurrencyLimitServerInterceptor(limiter, Set.of(HealthGrpc.SERVICE_NAME));
    }

    @Test
    void overTheLimitACallIsClosedAtOnceWithResourceExhaustedThatTheGatewayReadsAsServiceUnavailable() {
        FakeCall first = new FakeCall("community.user.v1.UserService/Get");
        FakeCall second = new FakeCall("community.user.v1.UserService/Get");
        FakeCall third = new FakeCall("community.user.v1.UserService/Get");
        interceptor.interceptCall(first, new Metadata(), pending);
        interceptor.interceptCall(second, new Metadata(), pending);
        interceptor.interceptCall(third, new Metadata(), pending);

        assertThat(handlersStarted).hasValue(2);
        assertThat(first.status).isNull();
        assertThat(third.status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        DomainException seen = GrpcErrors.fromStatus(third.status, third.trailers);
        assertThat(seen.reason()).isEqualTo(ErrorReason.SERVICE_UNAVAILABLE);
        assertThat(seen.retryAfter()).hasValue(Duration.ofSeconds(2));

        // a call that the handler closes frees its slot
        handed.get(0).close(Status.OK, new Metadata());
        assertThat(first.status).isEqualTo(Status.OK);
        assertThat(limiter.inflight()).isEqualTo(1);
        FakeCall fourth = new FakeCall("community.user.v1.UserService/Get");
        interceptor.interceptCall(fourth, new Metadata(), pending);
        assertThat(fourth.status).isNull();
        assertThat(handlersStarted).hasValue(3);
    }

    @Test
    void aCancelledCallFreesItsSlotAndHealthIsNeverLimited() {
        FakeCall a = new FakeCall("community.user.v1.UserService/Get");
        ServerCall.Listener<String> listenerA = interceptor.interceptCall(a, new Metadata(), pending);
        interceptor.interceptCall(new FakeCall("community.user.v1.UserService/Get"), new Metadata(), pending);
        assertThat(limiter.inflight()).isEqualTo(2);

        FakeCall health = new FakeCall(HealthGrpc.SERVICE_NAME + "/Check");
        interceptor.interceptCall(health, new Metadata(), pending);
        assertThat(health.status).isNull();
        assertThat(handlersStarted).hasValue(3);

        listenerA.onCancel();
        assertThat(limiter.inflight()).isEqualTo(1);
    }

    private static final class FakeCall extends ServerCall<String, String> {
        private final MethodDescriptor<String, String> method;
        Status status;
        Metadata trailers;

        FakeCall(String fullName) {
            method = MethodDescriptor.<String, String>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(fullName)
                    .setRequestMarshaller(NONE)
                    .setResponseMarshaller(NONE)
                    .build();
        }

        @Override
        public void request(int numMessages) {}

        @Override
        public void sendHeaders(Metadata headers) {}

        @Override
        public void sendMessage(String message) {}

        @Override
        public void close(Status status, Metadata trailers) {
            this.status = status;
            this.trailers = trailers;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public Attributes getAttributes() {
            return Attributes.EMPTY;
        }

        @Override
        public MethodDescriptor<String, String> getMethodDescriptor() {
            return method;
        }
    }
}
