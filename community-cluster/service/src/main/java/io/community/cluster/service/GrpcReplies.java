package io.community.cluster.service;

import com.google.protobuf.Empty;
import io.grpc.stub.StreamObserver;

/**
 * The two ways a unary endpoint answers. Failures are not handled here: an endpoint lets the use
 * case's DomainException propagate, and ErrorServerInterceptor closes the call with its status.
 */
public final class GrpcReplies {

    private GrpcReplies() {}

    public static <T> void reply(StreamObserver<T> observer, T value) {
        observer.onNext(value);
        observer.onCompleted();
    }

    /** For use cases that return nothing ({@code google.protobuf.Empty}). */
    public static void done(StreamObserver<Empty> observer) {
        reply(observer, Empty.getDefaultInstance());
    }
}
