package io.community.user;

import io.community.common.cache.KeyValueCache;
import io.community.common.cache.ResilientCache;
import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.testing.RedisProcess;
import io.community.common.testing.TestServices;
import io.community.user.api.UserUseCases;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The user context on MariaDB and a private redis-server that the test freezes, thaws, kills and
 * restarts empty: sessions are the database's, so tokens and logins survive the cache; revocations
 * missed by a frozen Redis are delivered before a stale session could be read back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class SessionsWithoutRedisIT {
    /** The cache's bound is 100 ms; a request makes a few cache calls until the breaker opens. */
    private static final long FAST_MS = 1_500;

    private RedisProcess redis;
    private ApplicationContext context;
    private UserUseCases users;
    private ResilientCache cache;

    @BeforeAll
    void start() {
        redis = RedisProcess.start();
        Map<String, Object> props = new HashMap<>(TestServices.mariaDbProperties("community_test_user_sessions_redis"));
        props.put("redis.uri", redis.uri());
        props.put("community.cache.breaker-open-wait", "1s");
        props.put("community.user.login-max-failures", 3);
        context = ApplicationContext.run(props, "test");
        users = context.getBean(UserUseCases.class);
        cache = (ResilientCache) context.getBean(KeyValueCache.class);
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @SuppressWarnings("unchecked")
    private String newUser(String password) {
        String email = "s-" + UUID.randomUUID() + "@example.com";
        UserStore store = context.getBean(UserStore.class);
        PasswordHasher hasher = context.getBean(PasswordHasher.class);
        TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
        tx.executeWrite(s -> store.insert(new UserStore.NewUser(
                email, hasher.hash(password), "s", Role.USER, Instant.now().truncatedTo(ChronoUnit.MICROS))));
        return email;
    }

    private static <T> T fast(String what, Supplier<T> call) {
        long started = System.nanoTime();
        T result = call.get();
        assertThat((System.nanoTime() - started) / 1_000_000).as(what + " (ms)").isLessThan(FAST_MS);
        return result;
    }

    private static ErrorReason reasonOf(Runnable call) {
        try {
            call.run();
            return null;
        } catch (DomainException e) {
            return e.reason();
        }
    }

    private void awaitCacheBack() {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (cache.breaker().getState() != CircuitBreaker.State.CLOSED || cache.pendingEvictions() > 0) {
            assertThat(System.nanoTime()).as("cache back within 15 s").isLessThan(deadline);
            try {
                cache.get("probe"); // drives the half-open breaker; may fail
            } catch (RuntimeException ignored) {
                // still down
            }
            sleep(100);
        }
    }

    @Test
    void tokensAndLoginsSurviveARedisKilledAndRestartedEmpty() {
        String email = newUser("password1");
        String token = users.login(email, "password1", "192.0.2.1").token();
        Actor actor = users.authenticate(token); // now cached too

        redis.kill();
        assertThat(fast("authenticate, Redis dead", () -> users.authenticate(token)))
                .isEqualTo(actor);
        String during = fast(
                "login, Redis dead",
                () -> users.login(email, "password1", "192.0.2.1").token());
        assertThat(users.authenticate(during)).isEqualTo(actor);

        redis.restart(); // empty: no session, no user in the cache
        awaitCacheBack();
        assertThat(users.authenticate(token)).isEqualTo(actor);
        assertThat(users.authenticate(during)).isEqualTo(actor);
        assertThat(users.authenticate(
                        users.login(email, "password1", "192.0.2.1").token()))
                .isEqualTo(actor);
    }

    @Test
    void aLogoutWhileRedisIsFrozenIsNeverUndoneByTheStaleCacheEntry() {
        String email = newUser("password1");
        String keep = users.login(email, "password1", "192.0.2.2").token();
        String leave = users.login(email, "password1", "192.0.2.2").token();
        Actor actor = users.authenticate(keep);
        users.authenticate(leave); // cached as active in Redis

        redis.freeze();
        try {
            fast("logout, Redis frozen", () -> {
                users.logout(actor, leave);
                return null;
            });
            assertThat(reasonOf(() -> users.authenticate(leave))).isEqualTo(ErrorReason.TOKEN_INVALID);
            assertThat(fast("authenticate, Redis frozen", () -> users.authenticate(keep)))
                    .isEqualTo(actor);
            assertThat(cache.pendingEvictions()).isPositive();
        } finally {
            redis.thaw();
        }
        // Redis still holds the session as active; no read may ever return it
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (cache.breaker().getState() != CircuitBreaker.State.CLOSED || cache.pendingEvictions() > 0) {
            assertThat(reasonOf(() -> users.authenticate(leave))).isEqualTo(ErrorReason.TOKEN_INVALID);
            assertThat(System.nanoTime()).as("cache back within 15 s").isLessThan(deadline);
            sleep(50);
        }
        assertThat(reasonOf(() -> users.authenticate(leave))).isEqualTo(ErrorReason.TOKEN_INVALID);
        assertThat(users.authenticate(keep)).isEqualTo(actor);
    }

    @Test
    void revokeAllIsImmediateWithTheCacheInFront() {
        String email = newUser("password1");
        String first = users.login(email, "password1", "192.0.2.3").token();
        String second = users.login(email, "password1", "192.0.2.3").token();
        Actor actor = users.authenticate(first);
        users.authenticate(second);

        users.changePassword(actor, actor.userId(), "password1", "password2");

        assertThat(reasonOf(() -> users.authenticate(first))).isEqualTo(ErrorReason.TOKEN_INVALID);
        assertThat(reasonOf(() -> users.authenticate(second))).isEqualTo(ErrorReason.TOKEN_INVALID);
        String fresh = users.login(email, "password2", "192.0.2.3").token();
        assertThat(users.authenticate(fresh)).isEqualTo(actor);
        users.delete(actor, actor.userId());
        assertThat(reasonOf(() -> users.authenticate(fresh))).isEqualTo(ErrorReason.TOKEN_INVALID);
    }

    @Test
    void whileRedisIsFrozenCodesAnswer503AndLoginLimitsAreCountedLocally() {
        String email = newUser("password1");
        redis.freeze();
        try {
            DomainException unavailable = fast("send code, Redis frozen", () -> {
                try {
                    users.sendEmailCode("new-" + UUID.randomUUID() + "@example.com", "192.0.2.4");
                    return null;
                } catch (DomainException e) {
                    return e;
                }
            });
            assertThat(unavailable).isNotNull();
            assertThat(unavailable.reason()).isEqualTo(ErrorReason.SERVICE_UNAVAILABLE);
            assertThat(unavailable.retryAfter()).isPresent();

            for (int i = 0; i < 3; i++) {
                assertThat(fast(
                                "failed login",
                                () -> reasonOf(() -> users.login(email, "wrong-password", "192.0.2.5"))))
                        .isEqualTo(ErrorReason.LOGIN_FAILED);
            }
            assertThatThrownBy(() -> users.login(email, "password1", "192.0.2.5"))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ErrorReason.TOO_MANY_REQUESTS);
                        assertThat(e.retryAfter()).isPresent();
                    });
            assertThat(users.login(email, "password1", "192.0.2.6").token()).isNotBlank();
        } finally {
            redis.thaw();
        }
        awaitCacheBack();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
