package io.community.cluster.gateway.session;

import io.community.cluster.grpc.RevocationSubscriber;
import io.community.cluster.grpc.SessionRevocations;
import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.testing.TestRedis;
import io.community.common.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway's session cache with its subscriber on the machine's real Redis: a session it has
 * seen costs no remote check while events are heard; a published revocation (by session or by
 * user) drops it; losing the subscription's connection makes every check remote at once, and the
 * cache starts empty when the events are heard again.
 */
class SessionEventsTest {
    private final AtomicInteger remote = new AtomicInteger();
    private TestRedis redis;
    private SessionCache cache;
    private RevocationSubscriber subscriber;

    private final Function<String, CheckedSession> userService = token -> {
        remote.incrementAndGet();
        if (token.startsWith("revoked")) {
            throw new DomainException(ErrorReason.TOKEN_INVALID);
        }
        long id = Long.parseLong(token.substring(token.indexOf('-') + 1));
        return new CheckedSession(
                new Actor(id, Role.USER), "sid-" + token, Instant.now().plusSeconds(3600));
    };

    @BeforeEach
    void start() {
        redis = TestRedis.open();
        cache = new SessionCache(Clock.systemUTC(), Duration.ofMinutes(5), 1000, null);
        subscriber = new RevocationSubscriber(
                cache,
                "Session cache",
                SessionCacheFactory.CLIENT_NAME,
                TestServices.redisUri(),
                redis.prefix(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        subscriber.start();
        await(cache::live, "the subscription is confirmed");
    }

    @AfterEach
    void stop() {
        subscriber.close();
        redis.close();
    }

    private void publish(String message) {
        redis.raw().publish(SessionRevocations.channel(redis.prefix()), message);
    }

    @Test
    void aSeenSessionCostsNoRemoteCheckUntilItsRevocationIsPublished() {
        assertThat(cache.check("t-1", userService).actor().userId()).isEqualTo(1);
        assertThat(cache.check("t-1", userService).actor().userId()).isEqualTo(1);
        cache.check("t-2", userService);
        cache.check("t-2", userService);
        assertThat(remote.get()).as("one remote check per session").isEqualTo(2);

        publish(SessionRevocations.sessionEnded("sid-t-1"));
        await(() -> cache.cached("t-1").isEmpty(), "the ended session leaves the cache");
        assertThat(cache.cached("t-2")).as("other sessions stay").isPresent();
        cache.check("t-1", userService);
        assertThat(remote.get()).isEqualTo(3);

        publish(SessionRevocations.userChanged(2));
        await(() -> cache.cached("t-2").isEmpty(), "every session of the user leaves the cache");
        publish("garbage that is no event");
        assertThat(cache.cached("t-1")).isPresent();
    }

    @Test
    void aRefusedSessionIsNeverCached() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cache.check("revoked-3", userService)).isInstanceOf(DomainException.class);
        }
        assertThat(remote.get()).isEqualTo(2);
    }

    @Test
    void withoutTheSubscriptionEveryCheckIsRemoteAndTheCacheStartsEmptyAfterwards() {
        cache.check("t-4", userService);
        // kill this subscriber's connection, as a Redis restart or a network cut would
        String clients = redis.raw().clientList();
        long killed = clients.lines()
                .filter(l -> l.contains("name=" + SessionCacheFactory.CLIENT_NAME + " "))
                .map(l -> l.replaceAll(".*\\bid=(\\d+).*", "$1"))
                .mapToLong(Long::parseLong)
                .filter(id -> redis.raw().clientKill(io.lettuce.core.KillArgs.Builder.id(id)) > 0)
                .count();
        assertThat(killed).isPositive();
        await(() -> !cache.live() || cache.size() == 0, "the lost subscription is noticed");
        assertThat(cache.cached("t-4"))
                .as("nothing survives a gap in the events")
                .isEmpty();

        await(cache::live, "the subscription comes back by itself");
        int before = remote.get();
        cache.check("t-4", userService);
        cache.check("t-4", userService);
        assertThat(remote.get() - before)
                .as("cached again once events are heard")
                .isEqualTo(1);
    }

    private static void await(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
