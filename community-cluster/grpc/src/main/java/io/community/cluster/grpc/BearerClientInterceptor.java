package io.community.cluster.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Adds the caller's bearer token to every outgoing call.
 *
 * <p>The supplier is asked once per call, in {@code start}, which runs on the thread that makes the
 * call; so a supplier reading thread-bound state works (the gateway: the current HTTP request's
 * token; a service calling another service: {@code CallerContext::token}). An empty supplier sends
 * no authorization at all, which public methods accept and protected ones reject.
 */
public final class BearerClientInterceptor implements ClientInterceptor {
    private final Supplier<Optional<String>> token;

    public BearerClientInterceptor(Supplier<Optional<String>> token) {
        this.token = Objects.requireNonNull(token, "token");
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> responseListener, Metadata headers) {
                Optional<String> current = token.get();
                if (current != null) {
                    current.filter(t -> !t.isBlank()).ifPresent(t -> Bearer.put(headers, t));
                }
                super.start(responseListener, headers);
            }
        };
    }
}
