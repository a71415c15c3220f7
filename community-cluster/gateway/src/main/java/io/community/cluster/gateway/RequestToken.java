package io.community.cluster.gateway;

import io.community.web.auth.AuthFilter;
import io.micronaut.http.context.ServerRequestContext;

import java.util.Optional;

/**
 * The bearer token of the HTTP request being served on the current thread, as AuthFilter
 * verified and stored it. The gateway forwards it to every backend call, so each service
 * verifies the caller again instead of trusting the gateway.
 *
 * <p>Read from {@link ServerRequestContext}, which Micronaut propagates to the BLOCKING executor
 * the controllers run on; BearerClientInterceptor asks for it on the calling thread. Empty for the
 * public endpoints (send-code, register, login) and for AuthFilter's own Authenticate call, which
 * carries the token in its request instead.
 */
public final class RequestToken {
    private RequestToken() {
    }

    public static Optional<String> current() {
        return ServerRequestContext.currentRequest()
                .flatMap(request -> request.getAttribute(AuthFilter.TOKEN, String.class));
    }
}
