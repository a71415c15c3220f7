package io.community.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * One login: the token's {@code jti}, its user, and when it ends. Valid while not revoked and not
 * expired; a revocation is a fact on the row, so it does not depend on any clock.
 */
@Serdeable
public record Session(
        String id,
        long userId,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant revokedAt) {

    public boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
