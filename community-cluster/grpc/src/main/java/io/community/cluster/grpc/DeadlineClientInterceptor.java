package io.community.cluster.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Deadline;
import io.grpc.MethodDescriptor;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Gives every call a deadline, so no caller ever waits on a backend without bound. A deadline that
 * is already shorter (set by the caller, or inherited from the incoming call through the gRPC
 * context) wins, so a chain of calls never outlives its first one.
 */
public final class DeadlineClientInterceptor implements ClientInterceptor {
    private final Supplier<Duration> deadline;

    public DeadlineClientInterceptor(Duration deadline) {
        Duration fixed = positive(deadline);
        this.deadline = () -> fixed;
    }

    /** A deadline read at each call, so it can change while the process runs (reloadable settings). */
    public DeadlineClientInterceptor(Supplier<Duration> deadline) {
        this.deadline = java.util.Objects.requireNonNull(deadline, "deadline");
    }

    private static Duration positive(Duration deadline) {
        if (deadline == null || deadline.isZero() || deadline.isNegative()) {
            throw new IllegalArgumentException("deadline must be positive, got " + deadline);
        }
        return deadline;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        Deadline ours = Deadline.after(deadline.get().toNanos(), TimeUnit.NANOSECONDS);
        Deadline current = options.getDeadline();
        return next.newCall(method, current == null || ours.isBefore(current) ? options.withDeadline(ours) : options);
    }
}
