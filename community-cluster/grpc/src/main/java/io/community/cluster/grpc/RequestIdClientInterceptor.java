package io.community.cluster.grpc;

import io.community.common.observability.RequestIds;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import org.slf4j.MDC;

/** Passes the current request's id ({@code request_id} in the MDC) on as {@code x-request-id} metadata. */
public final class RequestIdClientInterceptor implements ClientInterceptor {
    public static final Metadata.Key<String> KEY =
            Metadata.Key.of(RequestIds.HEADER.toLowerCase(java.util.Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
            MethodDescriptor<ReqT, RespT> method, CallOptions options, Channel next) {
        String requestId = MDC.get(RequestIds.MDC_KEY);
        ClientCall<ReqT, RespT> call = next.newCall(method, options);
        if (requestId == null) {
            return call;
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<RespT> listener, Metadata headers) {
                headers.put(KEY, requestId);
                super.start(listener, headers);
            }
        };
    }
}
