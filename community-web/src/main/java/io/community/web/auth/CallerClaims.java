package io.community.web.auth;

import io.community.common.error.DomainException;
import io.community.common.identity.Actor;
import io.micronaut.core.annotation.Nullable;

/**
 * The compatibility fields some request bodies keep from the reference API ({@code userId}, and
 * logout's {@code id} and {@code token}): optional, but when given they must name the caller (403).
 * Checked here, once, by the controllers before they call a use case, so the caller the use cases
 * (and the cluster's gRPC contract) see is always the token's subject and nothing else.
 */
public final class CallerClaims {
    private CallerClaims() {}

    /** A body's {@code userId} (or logout's {@code id}), when given, must be the caller. */
    public static void requireCaller(Actor actor, @Nullable Long claimedUserId) {
        if (claimedUserId != null && claimedUserId != actor.userId()) {
            throw DomainException.forbidden("userId must be the caller");
        }
    }

    /** Logout's {@code token}, when given and not empty, must be the token the request presented. */
    public static void requirePresentedToken(String presentedToken, @Nullable String claimedToken) {
        if (claimedToken != null && !claimedToken.isEmpty() && !claimedToken.equals(presentedToken)) {
            throw DomainException.forbidden("only the presented session can be logged out");
        }
    }
}
