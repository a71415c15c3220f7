package io.community.cluster.grpc;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.grpc.Context;

import java.util.Objects;
import java.util.Optional;

/**
 * The verified caller of the current gRPC call, put into {@link io.grpc.Context} by
 * {@link IdentityServerInterceptor}. The token is kept so a service can forward it to the next
 * service ({@code new BearerClientInterceptor(CallerContext::token)}).
 */
public final class CallerContext {
    private static final Context.Key<Actor> ACTOR = Context.key("community.actor");
    private static final Context.Key<String> TOKEN = Context.key("community.token");

    private CallerContext() {}

    public static Optional<Actor> actor() {
        return Optional.ofNullable(ACTOR.get());
    }

    public static Optional<String> token() {
        return Optional.ofNullable(TOKEN.get());
    }

    /** The caller, for use cases that need one; a public method without a caller gets NOT_LOGGED_IN. */
    public static Actor requireActor() {
        return actor().orElseThrow(() -> new DomainException(ErrorReason.NOT_LOGGED_IN));
    }

    /** {@code parent} with a verified caller; also useful to call an endpoint directly in a test. */
    public static Context with(Context parent, Actor actor, String token) {
        return parent.withValue(ACTOR, Objects.requireNonNull(actor, "actor"))
                .withValue(TOKEN, Objects.requireNonNull(token, "token"));
    }
}
