package io.community.cluster.gateway.session;

import io.community.cluster.gateway.RequestToken;
import io.community.cluster.grpc.SessionRevocations;
import io.community.proto.v1.ChangePasswordRequest;
import io.community.proto.v1.DeleteUserRequest;
import io.community.proto.v1.UserServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

import java.util.Optional;

/**
 * On the user service's channel: when this gateway's own Logout, ChangePassword or Delete succeeds,
 * drops the sessions it ended from the cache before the HTTP answer leaves, so the client's very
 * next request through this gateway is checked again without waiting for the Redis event (which
 * still tells every other gateway).
 */
public final class LocalRevocationClientInterceptor implements ClientInterceptor {
    private final SessionCache sessions;

    public LocalRevocationClientInterceptor(SessionCache sessions) {
        this.sessions = sessions;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        String name = method.getFullMethodName();
        boolean logout = name.equals(UserServiceGrpc.getLogoutMethod().getFullMethodName());
        boolean userWide = name.equals(UserServiceGrpc.getChangePasswordMethod().getFullMethodName())
                || name.equals(UserServiceGrpc.getDeleteMethod().getFullMethodName());
        if (!logout && !userWide) {
            return next.newCall(method, options);
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            private Optional<String> token = Optional.empty();
            private volatile Long userId;

            @Override
            public void start(Listener<R> listener, Metadata headers) {
                token = RequestToken.current(); // the session a logout ends is the one presented
                super.start(
                        new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onClose(Status status, Metadata trailers) {
                                if (status.isOk()) {
                                    if (logout) {
                                        token.ifPresent(sessions::forgetToken);
                                    } else if (userId != null) {
                                        sessions.apply(new SessionRevocations.UserChanged(userId));
                                    }
                                }
                                super.onClose(status, trailers);
                            }
                        },
                        headers);
            }

            @Override
            public void sendMessage(Q message) {
                if (message instanceof ChangePasswordRequest change) {
                    userId = change.getId();
                } else if (message instanceof DeleteUserRequest delete) {
                    userId = delete.getId();
                }
                super.sendMessage(message);
            }
        };
    }
}
