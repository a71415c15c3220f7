package io.community.common;

import io.community.common.token.JwtProperties;
import io.community.common.token.TokenCodec;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;

/** Wiring of the shared kernel's beans that every runtime needs. */
@Factory
public class CommonFactory {
    private static final Logger LOG = LoggerFactory.getLogger(CommonFactory.class);

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Eager, so that a bad secret stops the process at start rather than at the first login. */
    @Context
    TokenCodec tokenCodec(JwtProperties properties, Clock clock) {
        byte[] secret;
        if (properties.getSecret() == null || properties.getSecret().isEmpty()) {
            secret = new byte[TokenCodec.MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(secret);
            LOG.warn("community.jwt.secret (COMMUNITY_JWT_SECRET) is not set: using a random secret for this run."
                    + " Tokens will not survive a restart and are not shared between instances.");
        } else {
            secret = properties.getSecret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < TokenCodec.MIN_SECRET_BYTES) {
                throw new ConfigurationException("community.jwt.secret (COMMUNITY_JWT_SECRET) is " + secret.length * 8
                        + " bits long; HS256 needs at least 256 bits (32 bytes). Refusing to start.");
            }
        }
        return new TokenCodec(secret, properties.getIssuer(), properties.getTtl(), clock);
    }
}
