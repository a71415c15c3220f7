package io.community.cluster.service;

import io.community.cluster.grpc.Authenticator;
import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.token.TokenClaims;
import io.community.common.token.TokenCodec;
import io.community.proto.mapping.CommonProtos;
import io.community.proto.mapping.UserProtos;
import io.community.proto.v1.ActorMessage;

import java.util.Objects;

/**
 * The relation and creation services' Authenticator: the token's signature, algorithm, issuer and
 * expiry are checked here with the shared secret, so a forged or expired token costs no remote
 * call; the session (logout, password change, deleted user) and the role are then the user
 * service's answer to {@code Authenticate}. Its errors pass through unchanged, so an invalid session
 * is the monolith's 401 and an unreachable user service a 503 (SERVICE_UNAVAILABLE).
 */
public final class RemoteSessionAuthenticator implements Authenticator {
    private final TokenCodec tokens;
    private final UserBackend users;

    public RemoteSessionAuthenticator(TokenCodec tokens, UserBackend users) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public Actor authenticate(String token) {
        TokenClaims claims = tokens.verify(token);
        ActorMessage answer = users.call(stub -> stub.authenticate(UserProtos.authenticateRequest(token)));
        Actor actor;
        try {
            actor = CommonProtos.toActor(answer);
        } catch (IllegalArgumentException e) {
            // a role this build does not know: refuse rather than guess a privilege
            throw new DomainException(ErrorReason.INTERNAL_ERROR, "user service answered an unknown role");
        }
        if (actor.userId() != claims.userId()) {
            // the user service vouched for someone else: never let that through
            throw new DomainException(ErrorReason.TOKEN_INVALID);
        }
        return actor;
    }
}
