package io.community.cluster.grpc;

import io.community.common.observability.RequestIds;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Per gRPC call: the caller's {@code x-request-id} (validated, else a new one) in the MDC of whatever
 * the call logs — set around every callback, since gRPC runs them on any thread — and one access line
 * when the call closes: full method name, status code, duration. Health checks log at DEBUG (probes
 * call them every few seconds). Metadata and messages are never logged.
 */
public final class AccessLogServerInterceptor implements ServerInterceptor {
    /** The access log; set it to WARN to silence it. */
    private static final Logger ACCESS = LoggerFactory.getLogger("io.community.access.grpc");

    private static final String HEALTH_SERVICE = "grpc.health.v1.Health";

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
            ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        String requestId = RequestIds.acceptOrGenerate(headers.get(RequestIdClientInterceptor.KEY));
        String method = call.getMethodDescriptor().getFullMethodName();
        boolean health = HEALTH_SERVICE.equals(call.getMethodDescriptor().getServiceName());
        long start = System.nanoTime();
        ServerCall<ReqT, RespT> logged = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIds.MDC_KEY, requestId)) {
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    if (health) {
                        ACCESS.debug("{} {} {}ms", method, status.getCode(), millis);
                    } else {
                        ACCESS.info("{} {} {}ms", method, status.getCode(), millis);
                    }
                }
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<ReqT> listener;
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIds.MDC_KEY, requestId)) {
            listener = next.startCall(logged, headers);
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(ReqT message) {
                try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIds.MDC_KEY, requestId)) {
                    super.onMessage(message);
                }
            }

            @Override
            public void onHalfClose() {
                try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIds.MDC_KEY, requestId)) {
                    super.onHalfClose();
                }
            }

            @Override
            public void onCancel() {
                try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIds.MDC_KEY, requestId)) {
                    super.onCancel();
                }
            }

            @Override
            public void onComplete() {
                try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIds.MDC_KEY, requestId)) {
                    super.onComplete();
                }
            }

            @Override
            public void onReady() {
                try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIds.MDC_KEY, requestId)) {
                    super.onReady();
                }
            }
        };
    }
}
