package io.community.cluster.grpc;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache both the gateway's sessions and the relation service's known users rely on. */
class ExactCacheTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final List<ExactCache.Result> results = new ArrayList<>();
    private final AtomicInteger remote = new AtomicInteger();
    private final ExactCache<Long, Boolean> cache = new ExactCache<>(
            clock,
            Duration.ofSeconds(60),
            3,
            (c, event) -> {
                if (event instanceof SessionRevocations.UserChanged changed) {
                    c.remove(changed.userId());
                }
            },
            results::add);
    private final Function<Long, Boolean> exists = id -> {
        remote.incrementAndGet();
        return id < 100;
    };

    private boolean known(long id) {
        return cache.get(id, exists, Boolean::booleanValue, v -> null);
    }

    @Test
    void whileLiveAStoredAnswerCostsNoRemoteCallUntilAnEventRemovesIt() {
        cache.live(true);
        assertThat(known(1)).isTrue();
        assertThat(known(1)).isTrue();
        assertThat(remote).hasValue(1);
        assertThat(results).containsExactly(ExactCache.Result.MISS, ExactCache.Result.HIT);

        cache.apply(new SessionRevocations.UserChanged(1));
        assertThat(known(1)).isTrue();
        assertThat(remote).as("asked again after the event").hasValue(2);
        cache.apply(new SessionRevocations.SessionEnded("s"));
        assertThat(known(1)).isTrue();
        assertThat(remote).as("an event about nothing stored removes nothing").hasValue(2);
    }

    @Test
    void answersTheStorableTestRefusesAreAskedEveryTime() {
        cache.live(true);
        assertThat(known(500)).isFalse();
        assertThat(known(500)).isFalse();
        assertThat(remote).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void notLiveEveryLookupIsRemoteAndGoingLiveOrNotStartsEmpty() {
        known(1);
        known(1);
        assertThat(remote).hasValue(2);
        assertThat(results).containsOnly(ExactCache.Result.BYPASS);

        cache.live(true);
        known(1);
        assertThat(cache.size()).isOne();
        cache.live(false);
        assertThat(cache.size()).as("events may be missed from now on").isZero();
        cache.live(true);
        known(1);
        assertThat(remote).hasValue(4);
    }

    @Test
    void anAnswerInFlightAcrossAnEventIsNotStored() {
        cache.live(true);
        Boolean answer = cache.get(
                7L,
                id -> {
                    cache.apply(new SessionRevocations.UserChanged(7)); // deleted while we asked
                    return true;
                },
                Boolean::booleanValue,
                v -> null);
        assertThat(answer).isTrue();
        assertThat(cache.size()).isZero();
        assertThat(results).containsExactly(ExactCache.Result.BYPASS);
    }

    @Test
    void loadAlwaysAsksAndRefreshesTheEntry() {
        cache.live(true);
        known(1);
        cache.load(1L, exists, Boolean::booleanValue, v -> null);
        assertThat(remote).hasValue(2);
        known(1);
        assertThat(remote).hasValue(2);
    }

    @Test
    void entriesAreTrustedForTheMaxAgeOrTheValuesOwnLimitWhicheverIsFirst() {
        cache.live(true);
        known(1);
        clock.advance(Duration.ofSeconds(59));
        known(1);
        assertThat(remote).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        known(1);
        assertThat(remote).as("past the max age").hasValue(2);

        Instant soon = clock.instant().plusSeconds(5);
        cache.get(2L, exists, Boolean::booleanValue, v -> soon);
        clock.advance(Duration.ofSeconds(5));
        cache.purgeExpired();
        assertThat(cache.peek(2L)).as("past the value's own limit").isEmpty();
    }

    @Test
    void beyondMaxSizeItStartsOverAndFailuresAreNeverStored() {
        cache.live(true);
        known(1);
        known(2);
        known(3);
        known(4);
        assertThat(cache.size()).isOne();
        assertThatThrownBy(() -> cache.get(
                        9L,
                        id -> {
                            throw new IllegalStateException("user service down");
                        },
                        Boolean::booleanValue,
                        v -> null))
                .isInstanceOf(IllegalStateException.class);
        assertThat(cache.peek(9L)).isEmpty();
    }

    @Test
    void resultsAreCountedByKindAndImpossibleSettingsAreRefusedByName() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ExactCache<Long, Boolean> counted = new ExactCache<>(
                clock, Duration.ofSeconds(60), 10, (c, e) -> {}, ExactCache.counted(meters, "lookups", "test"));
        counted.live(true);
        counted.get(1L, exists, Boolean::booleanValue, v -> null);
        counted.get(1L, exists, Boolean::booleanValue, v -> null);
        counted.get(500L, exists, Boolean::booleanValue, v -> null);
        assertThat(meters.get("lookups").tag("result", "miss").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("lookups").tag("result", "hit").counter().count()).isEqualTo(1);
        assertThat(meters.get("lookups").tag("result", "bypass").counter().count())
                .isEqualTo(1);

        assertThatThrownBy(() -> ExactCache.checkSettings("x.", Duration.ZERO, 1, Duration.ofSeconds(1)))
                .hasMessage("x.max-age must be positive, got PT0S");
        assertThatThrownBy(() -> ExactCache.checkSettings("x.", Duration.ofSeconds(1), 0, Duration.ofSeconds(1)))
                .hasMessage("x.max-size must be at least 1, got 0");
        assertThatThrownBy(() -> ExactCache.checkSettings("x.", Duration.ofSeconds(1), 1, null))
                .hasMessage("x.heartbeat must be positive, got null");
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
