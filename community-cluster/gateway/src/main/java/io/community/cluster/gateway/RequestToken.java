package io.community.cluster.gateway;

import io.community.common.identity.Actor;
import io.community.web.auth.AuthFilter;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;

import java.util.Optional;

/**
 * The bearer token (and the caller) of the HTTP request being served on the current thread, as
 * AuthFilter verified and stored them. The token stays in the gateway: backends are told the caller
 * with a caller token instead (see {@code CallerIdentityClientInterceptor}).
 *
 * <p>Read from {@link ServerRequestContext}, which Micronaut propagates to the BLOCKING executor
 * the controllers run on; the client interceptors ask for it on the calling thread. Empty for the
 * public endpoints (send-code, register, login) and for AuthFilter's own Authenticate call, which
 * carries the token in its request instead.
 */
public final class RequestToken {
    private RequestToken() {}

    /** The verified caller of the current request and the token it presented. */
    public record Caller(String token, Actor actor) {}

    public static Optional<String> current() {
        return ServerRequestContext.currentRequest()
                .flatMap(request -> request.getAttribute(AuthFilter.TOKEN, String.class));
    }

    public static Optional<Caller> caller() {
        Optional<HttpRequest<Object>> request = ServerRequestContext.currentRequest();
        if (request.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> token = request.get().getAttribute(AuthFilter.TOKEN, String.class);
        Optional<Actor> actor = request.get().getAttribute(AuthFilter.ACTOR, Actor.class);
        return token.isPresent() && actor.isPresent()
                ? Optional.of(new Caller(token.get(), actor.get()))
                : Optional.empty();
    }
}
