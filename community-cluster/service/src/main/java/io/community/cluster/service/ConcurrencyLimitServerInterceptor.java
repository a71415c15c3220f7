package io.community.cluster.service;

import io.community.cluster.grpc.GrpcErrors;
import io.community.monitoring.limits.ConcurrencyLimiter;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.util.Optional;
import java.util.Set;

/**
 * The service's concurrency limit ({@link ConcurrencyLimiter}) on every gRPC call except the exempt
 * services (health, reflection: probes must see a busy server as alive). A call over the limit is
 * closed at once with {@link GrpcErrors#overloaded} — RESOURCE_EXHAUSTED with SERVICE_UNAVAILABLE and
 * RetryInfo — before identity is checked, so refusing costs no session lookup. An admitted call holds
 * its permit until it is closed (its latency is the sample the limit adapts to), cancelled or
 * completed.
 */
public final class ConcurrencyLimitServerInterceptor implements ServerInterceptor {
    static final String MESSAGE = "server overloaded, try again later";

    private final ConcurrencyLimiter limiter;
    private final Set<String> exemptServices;

    public ConcurrencyLimitServerInterceptor(ConcurrencyLimiter limiter, Set<String> exemptServices) {
        this.limiter = limiter;
        this.exemptServices = Set.copyOf(exemptServices);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (exemptServices.contains(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        Optional<ConcurrencyLimiter.Permit> acquired = limiter.tryAcquire();
        if (acquired.isEmpty()) {
            StatusRuntimeException refused = GrpcErrors.overloaded(MESSAGE, limiter.retryAfter());
            call.close(refused.getStatus(), refused.getTrailers());
            return new ServerCall.Listener<>() {};
        }
        ConcurrencyLimiter.Permit permit = acquired.get();
        ServerCall<Q, R> released = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                try {
                    super.close(status, trailers);
                } finally {
                    permit.success();
                }
            }
        };
        ServerCall.Listener<Q> delegate;
        try {
            delegate = next.startCall(released, headers);
        } catch (RuntimeException e) {
            permit.ignore();
            throw e;
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
            @Override
            public void onCancel() {
                try {
                    super.onCancel();
                } finally {
                    permit.ignore();
                }
            }

            @Override
            public void onComplete() {
                try {
                    super.onComplete();
                } finally {
                    permit.ignore(); // no-op after close, which released it already
                }
            }
        };
    }
}
