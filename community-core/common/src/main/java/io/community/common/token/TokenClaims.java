package io.community.common.token;

import java.time.Instant;

/** The verified claims of a session token. */
public record TokenClaims(long userId, String jti, Instant issuedAt, Instant expiresAt) {}
