package io.community.common.token;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Signs and verifies session tokens: HS256 only, with {@code sub}, {@code jti}, {@code iat},
 * {@code exp} and {@code iss}. Verification checks signature, algorithm, issuer and expiry;
 * whether the session still exists is the user context's business.
 */
public final class TokenCodec {
    /** 256 bits, the minimum HS256 key size (RFC 7518 section 3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    private static final String ALGORITHM = "HS256";

    private final SecretKey key;
    private final String issuer;
    private final Duration ttl;
    private final JwtParser parser;

    public TokenCodec(byte[] secret, String issuer, Duration ttl, Clock clock) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "JWT secret must be at least 256 bits (32 bytes), got " + secret.length * 8 + " bits");
        }
        this.key = Keys.hmacShaKeyFor(secret);
        this.issuer = issuer;
        this.ttl = ttl;
        // immutable and thread-safe: built once rather than on every authenticated request
        this.parser = Jwts.parser()
                .verifyWith(key)
                .requireIssuer(issuer)
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    public Duration ttl() {
        return ttl;
    }

    public String issue(long userId, String jti, Instant now) {
        return Jwts.builder()
                .subject(Long.toString(userId))
                .id(jti)
                .issuer(issuer)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    public TokenClaims verify(String token) {
        if (token == null || token.isBlank()) {
            throw new DomainException(ErrorReason.NOT_LOGGED_IN);
        }
        try {
            Jws<Claims> jws = parser.parseSignedClaims(token);
            if (!ALGORITHM.equals(jws.getHeader().getAlgorithm())) {
                throw new DomainException(ErrorReason.TOKEN_INVALID);
            }
            Claims claims = jws.getPayload();
            if (claims.getId() == null
                    || claims.getSubject() == null
                    || claims.getExpiration() == null
                    || claims.getIssuedAt() == null) {
                throw new DomainException(ErrorReason.TOKEN_INVALID);
            }
            return new TokenClaims(
                    Long.parseLong(claims.getSubject()),
                    claims.getId(),
                    claims.getIssuedAt().toInstant(),
                    claims.getExpiration().toInstant());
        } catch (JwtException | IllegalArgumentException e) {
            // covers alg none, other algorithms, bad signature, expiry, wrong issuer, malformed input
            throw new DomainException(ErrorReason.TOKEN_INVALID);
        }
    }
}
