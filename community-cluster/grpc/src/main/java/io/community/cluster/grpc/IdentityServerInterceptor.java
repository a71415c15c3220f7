package io.community.cluster.grpc;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Set;

/**
 * Establishes the caller of every protected method from the call's bearer token (in the cluster:
 * the caller token the gateway signed).
 *
 * <p>Public methods (full names such as {@code community.user.v1.UserService/Login}) run without a
 * token and without a caller; a token sent to them is not even looked at, as in the monolith.
 * A protected method without a valid token is closed with the mapped UNAUTHENTICATED status and its
 * handler never runs. On success the Actor and the raw token are in {@link CallerContext} for the
 * whole call.
 *
 * <p>grpc-java calls {@code interceptCall} on the server's call executor, not on a transport thread,
 * so an Authenticator may block here (the services' one does not: it only verifies a signature).
 */
public final class IdentityServerInterceptor implements ServerInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityServerInterceptor.class);

    private final Authenticator authenticator;
    private final Set<String> publicMethods;

    public IdentityServerInterceptor(Authenticator authenticator, Set<String> publicMethods) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.publicMethods = Set.copyOf(publicMethods);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (publicMethods.contains(call.getMethodDescriptor().getFullMethodName())) {
            return next.startCall(call, headers);
        }
        String token;
        Actor actor;
        try {
            token = Bearer.require(headers);
            actor = authenticator.authenticate(token);
        } catch (DomainException e) {
            return reject(call, GrpcErrors.toStatus(e));
        } catch (RuntimeException e) {
            // fail closed: an authenticator bug must not let the call through
            LOG.error("Authenticator failed for {}", call.getMethodDescriptor().getFullMethodName(), e);
            return reject(call, GrpcErrors.toStatus(new DomainException(ErrorReason.INTERNAL_ERROR)));
        }
        if (actor == null) {
            LOG.error(
                    "Authenticator returned no actor for {}",
                    call.getMethodDescriptor().getFullMethodName());
            return reject(call, GrpcErrors.toStatus(new DomainException(ErrorReason.INTERNAL_ERROR)));
        }
        Context context = CallerContext.with(Context.current(), actor, token);
        return Contexts.interceptCall(context, call, headers, next);
    }

    private static <Q, R> ServerCall.Listener<Q> reject(ServerCall<Q, R> call, StatusRuntimeException status) {
        call.close(status.getStatus(), status.getTrailers());
        return new ServerCall.Listener<>() {};
    }
}
