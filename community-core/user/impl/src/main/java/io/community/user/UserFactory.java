package io.community.user;

import io.community.common.cache.CacheAside;
import io.community.common.cache.JsonCacheCodec;
import io.community.common.cache.KeyValueCache;
import io.community.common.token.TokenCodec;
import io.community.common.tx.AfterCommit;
import io.community.user.api.User;
import io.community.user.cache.CachingUserStore;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.security.SecureRandom;

/** Wiring of the user context's collaborators. */
@Factory
public class UserFactory {

    @Singleton
    @Primary
    UserStore cachedUserStore(@Named("jdbc") UserStore jdbc, CacheAside cache, ObjectMapper json,
                              AfterCommit afterCommit, UserProperties properties) {
        return new CachingUserStore(jdbc, cache, new JsonCacheCodec<>(json, User.class), afterCommit,
                properties.getCacheTtl());
    }

    @Singleton
    SessionStore sessionStore(KeyValueCache cache, TokenCodec tokens) {
        return new SessionStore(cache, tokens.ttl());
    }

    @Singleton
    EmailCodeStore emailCodeStore(KeyValueCache cache, UserProperties properties) {
        return new EmailCodeStore(cache, new SecureRandom(), properties.getCodeTtl(),
                properties.getCodeResendInterval(), properties.getCodeMaxAttempts());
    }

    @Singleton
    LoginThrottle loginThrottle(KeyValueCache cache, UserProperties properties) {
        return new LoginThrottle(cache, properties.getLoginMaxFailures(), properties.getLoginFailureWindow());
    }

    @Singleton
    PasswordHasher passwordHasher(UserProperties properties) {
        return new BcryptPasswordHasher(properties.getBcryptCost());
    }
}
