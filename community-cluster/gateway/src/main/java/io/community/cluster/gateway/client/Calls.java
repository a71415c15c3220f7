package io.community.cluster.gateway.client;

import io.community.cluster.grpc.GrpcErrors;
import io.grpc.StatusRuntimeException;

import java.util.function.Supplier;

/**
 * The one error rule of every client: a failed call becomes the DomainException the service threw
 * (rebuilt from its ErrorInfo), or 503/504 for a transport failure or an expired deadline, so the
 * HTTP exception handler writes the monolith's envelope.
 */
final class Calls {
    private Calls() {}

    static <T> T call(Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.fromStatus(e);
        }
    }

    static void run(Runnable rpc) {
        try {
            rpc.run();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.fromStatus(e);
        }
    }
}
