package io.community.cluster.grpc;

import io.community.common.error.DependencyFailures;
import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns exceptions thrown by service methods into statuses, so endpoints just throw.
 *
 * <p>grpc-java runs a unary handler inside {@code onHalfClose} of the call's listener (streaming
 * handlers also in {@code onMessage}/{@code onReady}); left alone, an exception there ends the call
 * with UNKNOWN and no details. This interceptor catches it there instead:
 * <ul>
 *   <li>{@link DomainException} → {@link GrpcErrors#toStatus};</li>
 *   <li>a {@link StatusRuntimeException} that escaped from a call to another
 *       service → relayed as the DomainException it stands for ({@link GrpcErrors#fromThrowable}), so a
 *       downstream NOT_FOUND stays NOT_FOUND and a downstream outage becomes SERVICE_UNAVAILABLE;</li>
 *   <li>a dependency that is down (database pool timeout, lost connection, Redis; decided by
 *       {@link DependencyFailures}, as the HTTP envelope does) → UNAVAILABLE with RetryInfo;</li>
 *   <li>any other RuntimeException → INTERNAL with the fixed default message; the exception and its
 *       stack trace go to the server log only.</li>
 * </ul>
 * Install it as the outermost interceptor (last argument of {@code ServerInterceptors.intercept}) so
 * it also covers the interceptors inside it.
 */
public final class ErrorServerInterceptor implements ServerInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorServerInterceptor.class);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        OnceClosingCall<Q, R> guarded = new OnceClosingCall<>(call);
        ServerCall.Listener<Q> delegate;
        try {
            delegate = next.startCall(guarded, headers);
        } catch (RuntimeException e) {
            fail(guarded, e);
            return new ServerCall.Listener<>() {};
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
            // Listener callbacks are serialized by grpc, so a plain field is enough.
            private boolean failed;

            private void failed(RuntimeException e) {
                failed = true;
                fail(guarded, e);
            }

            @Override
            public void onMessage(Q message) {
                if (failed) {
                    return;
                }
                try {
                    super.onMessage(message);
                } catch (RuntimeException e) {
                    failed(e);
                }
            }

            @Override
            public void onHalfClose() {
                // after a failure in onMessage the handler must not run again
                if (failed) {
                    return;
                }
                try {
                    super.onHalfClose();
                } catch (RuntimeException e) {
                    failed(e);
                }
            }

            @Override
            public void onReady() {
                if (failed) {
                    return;
                }
                try {
                    super.onReady();
                } catch (RuntimeException e) {
                    failed(e);
                }
            }
        };
    }

    private static void fail(OnceClosingCall<?, ?> call, RuntimeException e) {
        StatusRuntimeException status = toStatus(call.getMethodDescriptor().getFullMethodName(), e);
        if (!call.closeOnce(status.getStatus(), status.getTrailers())) {
            // the handler had answered already; the client has its answer, we only keep the trace
            LOG.warn(
                    "{} threw after its call was closed",
                    call.getMethodDescriptor().getFullMethodName(),
                    e);
        }
    }

    private static StatusRuntimeException toStatus(String method, RuntimeException e) {
        if (e instanceof DomainException d) {
            return GrpcErrors.toStatus(d);
        }
        if (e instanceof StatusRuntimeException) {
            return GrpcErrors.toStatus(GrpcErrors.fromThrowable(e));
        }
        Optional<DomainException> unavailable = DependencyFailures.unavailable(e);
        if (unavailable.isPresent()) {
            // one line, no stack: during an outage every call ends here
            LOG.warn("{}: dependency unavailable, answering UNAVAILABLE: {}", method, rootCause(e));
            return GrpcErrors.toStatus(unavailable.get());
        }
        LOG.error("{} failed unexpectedly", method, e);
        return GrpcErrors.toStatus(new DomainException(ErrorReason.INTERNAL_ERROR));
    }

    private static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Remembers whether the call was closed, so a late exception does not close it twice. */
    private static final class OnceClosingCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private final AtomicBoolean closed = new AtomicBoolean();

        OnceClosingCall(ServerCall<Q, R> delegate) {
            super(delegate);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (closed.compareAndSet(false, true)) {
                super.close(status, trailers);
            } else {
                throw new IllegalStateException("call already closed");
            }
        }

        boolean closeOnce(Status status, Metadata trailers) {
            if (!closed.compareAndSet(false, true)) {
                return false;
            }
            super.close(status, trailers);
            return true;
        }
    }
}
