package io.community.cluster.grpc;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One backend's circuit breaker (resilience4j) around every call to it. Only signs of a sick
 * backend count as failures — UNAVAILABLE and DEADLINE_EXCEEDED that the service did not answer
 * itself (refused connections, deadlines, a foreign server). A business error such as NOT_FOUND is a
 * healthy answer, and so is a reasoned SERVICE_UNAVAILABLE (our ErrorInfo): a service that says
 * "codes cannot be sent while the cache is down" is alive, and cutting it off would also cut off
 * logins and session checks that still work. While the circuit is open, calls fail at once with UNAVAILABLE
 * ("circuit open"), which the gateway answers as 503, instead of each waiting for its deadline.
 */
public final class CircuitBreakerClientInterceptor implements ClientInterceptor {
    private static final Set<Status.Code> SICK = EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);

    private final Supplier<CircuitBreaker> current;

    public CircuitBreakerClientInterceptor(CircuitBreaker breaker) {
        Objects.requireNonNull(breaker, "breaker");
        this.current = () -> breaker;
    }

    /**
     * The breaker is looked up at each call (e.g. from a registry), so one with new thresholds can
     * replace it while the process runs; a call finishes on the breaker it started with.
     */
    public CircuitBreakerClientInterceptor(Supplier<CircuitBreaker> breaker) {
        this.current = Objects.requireNonNull(breaker, "breaker");
    }

    public CircuitBreaker breaker() {
        return current.get();
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        CircuitBreaker breaker = current.get();
        if (!breaker.tryAcquirePermission()) {
            return new Refused<>(Status.UNAVAILABLE.withDescription("circuit open for " + breaker.getName()));
        }
        ClientCall<Q, R> call;
        try {
            call = next.newCall(method, options);
        } catch (RuntimeException e) {
            breaker.releasePermission();
            throw e;
        }
        long started = System.nanoTime();
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                super.start(
                        new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onClose(Status status, Metadata trailers) {
                                long took = System.nanoTime() - started;
                                if (SICK.contains(status.getCode()) && !GrpcErrors.isReasonedAnswer(status, trailers)) {
                                    breaker.onError(took, TimeUnit.NANOSECONDS, status.asRuntimeException());
                                } else {
                                    breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                                }
                                super.onClose(status, trailers);
                            }
                        },
                        headers);
            }
        };
    }

    /** A call that never reaches the network: closed with the given status as soon as it starts. */
    private static final class Refused<Q, R> extends ClientCall<Q, R> {
        private final Status status;

        Refused(Status status) {
            this.status = status;
        }

        @Override
        public void start(Listener<R> listener, Metadata headers) {
            listener.onClose(status, new Metadata());
        }

        @Override
        public void request(int numMessages) {}

        @Override
        public void cancel(String message, Throwable cause) {}

        @Override
        public void halfClose() {}

        @Override
        public void sendMessage(Q message) {}
    }
}
