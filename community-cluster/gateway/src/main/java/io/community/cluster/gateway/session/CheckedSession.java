package io.community.cluster.gateway.session;

import io.community.common.identity.Actor;

import java.time.Instant;
import java.util.Objects;

/** What the user service answered for a token: its caller, and the session's id and end. */
public record CheckedSession(Actor actor, String sessionId, Instant expiresAt) {

    public CheckedSession {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
