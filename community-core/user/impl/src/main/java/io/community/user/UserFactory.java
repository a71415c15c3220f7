package io.community.user;

import io.community.common.cache.CacheAside;
import io.community.common.cache.InMemoryCache;
import io.community.common.cache.JsonCacheCodec;
import io.community.common.cache.KeyValueCache;
import io.community.common.tx.AfterCommit;
import io.community.user.api.User;
import io.community.user.cache.CachingSessionStore;
import io.community.user.cache.CachingUserStore;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;

/** Wiring of the user context's collaborators. */
@Factory
public class UserFactory {

    @Singleton
    @Primary
    UserStore cachedUserStore(
            @Named("jdbc") UserStore jdbc,
            CacheAside cache,
            ObjectMapper json,
            AfterCommit afterCommit,
            UserProperties properties) {
        return new CachingUserStore(
                jdbc, cache, new JsonCacheCodec<>(json, User.class), afterCommit, properties.getCacheTtl());
    }

    @Singleton
    @Primary
    SessionStore cachedSessionStore(
            @Named("jdbc") SessionStore jdbc,
            CacheAside cache,
            ObjectMapper json,
            AfterCommit afterCommit,
            UserProperties properties) {
        return new CachingSessionStore(
                jdbc, cache, new JsonCacheCodec<>(json, Session.class), afterCommit, properties.getSessionCacheTtl());
    }

    @Singleton
    EmailCodeStore emailCodeStore(KeyValueCache cache, Clock clock, UserProperties properties) {
        return new EmailCodeStore(
                cache,
                new SecureRandom(),
                clock,
                properties.getCodeTtl(),
                properties.getCodeResendInterval(),
                properties.getCodeMaxAttempts(),
                properties.getCodeMaxSendsPerAddressPerDay());
    }

    /** Counts in the shared cache, and in this process while the shared cache is unavailable. */
    @Singleton
    LoginThrottle loginThrottle(KeyValueCache cache, Clock clock, UserProperties properties) {
        return new LoginThrottle(
                cache,
                new InMemoryCache(),
                clock,
                properties.getLoginMaxFailures(),
                properties.getLoginMaxFailuresPerAddress(),
                properties.getLoginFailureWindow());
    }

    /** Nobody listens unless a runtime provides its own (the cluster's user service publishes them). */
    @Singleton
    @Secondary
    SessionEvents noSessionEvents() {
        return SessionEvents.NONE;
    }

    @Singleton
    PasswordHasher passwordHasher(UserProperties properties) {
        return new BcryptPasswordHasher(properties.getBcryptCost());
    }
}
