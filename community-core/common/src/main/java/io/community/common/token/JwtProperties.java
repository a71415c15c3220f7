package io.community.common.token;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/** {@code community.jwt.*}; the secret comes from configuration (COMMUNITY_JWT_SECRET), never from code. */
@ConfigurationProperties("community.jwt")
public class JwtProperties {
    @Nullable
    private String secret;

    private Duration ttl = Duration.ofHours(24);
    private String issuer = "community";

    @Nullable
    public String getSecret() {
        return secret;
    }

    public void setSecret(@Nullable String secret) {
        this.secret = secret;
    }

    public Duration getTtl() {
        return ttl;
    }

    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    @Override
    public String toString() {
        // never print the secret
        return "JwtProperties{ttl=" + ttl + ", issuer=" + issuer + ", secret=" + (secret == null ? "unset" : "***")
                + "}";
    }
}
