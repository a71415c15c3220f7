package io.community.cluster.gateway.session;

import io.community.cluster.gateway.RequestToken;
import io.community.cluster.grpc.Bearer;
import io.community.cluster.grpc.InternalCredential;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * Tells a backend who the caller is: a caller token for that service ({@code audience}) naming the
 * caller AuthFilter established for the current HTTP request, as {@code authorization: Bearer}.
 * The user's own token never leaves the gateway. No caller (the public endpoints, AuthFilter's own
 * session check): no authorization, which only public and member-only methods accept.
 */
public final class CallerIdentityClientInterceptor implements ClientInterceptor {
    private final String audience;
    private final InternalCredential credential;
    private final SessionCache sessions;

    public CallerIdentityClientInterceptor(String audience, InternalCredential credential, SessionCache sessions) {
        this.audience = audience;
        this.credential = credential;
        this.sessions = sessions;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                // on the calling thread, where the HTTP request is current
                RequestToken.caller()
                        .ifPresent(caller -> Bearer.put(
                                headers, sessions.callerToken(caller.token(), caller.actor(), audience, credential)));
                super.start(listener, headers);
            }
        };
    }
}
