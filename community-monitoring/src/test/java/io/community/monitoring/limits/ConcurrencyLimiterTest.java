package io.community.monitoring.limits;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrencyLimiterTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static ConcurrencyLimitProperties fixed(int limit) {
        ConcurrencyLimitProperties p = new ConcurrencyLimitProperties();
        p.setAlgorithm(ConcurrencyLimitProperties.Algorithm.FIXED);
        p.setInitialLimit(limit);
        p.setRetryAfter(Duration.ofSeconds(3));
        return p;
    }

    @Test
    void admitsUpToTheLimitRefusesBeyondItAndAdmitsAgainOnceOneFinishes() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter("http", fixed(2), registry);
        Optional<ConcurrencyLimiter.Permit> first = limiter.tryAcquire();
        Optional<ConcurrencyLimiter.Permit> second = limiter.tryAcquire();
        assertThat(first).isPresent();
        assertThat(second).isPresent();
        assertThat(limiter.tryAcquire()).isEmpty();
        assertThat(limiter.inflight()).isEqualTo(2);

        first.get().success();
        first.get().success(); // a second release of one permit must not free another slot
        assertThat(limiter.inflight()).isEqualTo(1);
        Optional<ConcurrencyLimiter.Permit> third = limiter.tryAcquire();
        assertThat(third).isPresent();
        assertThat(limiter.tryAcquire()).isEmpty();

        assertThat(registry.get("community.limits.rejected")
                        .tag("entry", "http")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("community.limits.limit").gauge().value()).isEqualTo(2);
        assertThat(registry.get("community.limits.inflight").gauge().value()).isEqualTo(2);
        assertThat(registry.get("community.limits.admitted.inflight").summary().max())
                .isEqualTo(2);
        assertThat(limiter.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void anIgnoredRequestReleasesItsSlotToo() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter("grpc", fixed(1), registry);
        limiter.tryAcquire().orElseThrow().ignore();
        assertThat(limiter.tryAcquire()).isPresent();
    }

    @Test
    void gradient2NeverRefusesBelowItsFloor() {
        ConcurrencyLimitProperties p = new ConcurrencyLimitProperties();
        p.setMinLimit(10);
        p.setInitialLimit(10);
        p.setMaxLimit(20);
        ConcurrencyLimiter limiter = new ConcurrencyLimiter("http", p, registry);
        List<ConcurrencyLimiter.Permit> held = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            held.add(limiter.tryAcquire().orElseThrow());
        }
        assertThat(limiter.limit()).isGreaterThanOrEqualTo(10);
        held.forEach(ConcurrencyLimiter.Permit::success);
    }

    /**
     * A saturated process (every permit in use) whose latency goes from 1 ms to 20 ms and stays there,
     * as under twice its peak load: the limit must come down and stay down, not drift back up because
     * the slow latency became the "normal" one. Simulated time; requests finish in waves of one limit's
     * worth.
     */
    @Test
    void gradient2ShrinksUnderSustainedSlowdownAndDoesNotDriftBackUp() {
        ConcurrencyLimitProperties p = new ConcurrencyLimitProperties(); // defaults: 100 in 64..1000
        long[] now = {0};
        ConcurrencyLimiter limiter = new ConcurrencyLimiter("http", p, registry, () -> now[0]);
        saturate(limiter, now, Duration.ofMillis(1), Duration.ofSeconds(20));
        int unloaded = limiter.limit();
        assertThat(unloaded).isGreaterThanOrEqualTo(100);

        saturate(limiter, now, Duration.ofMillis(20), Duration.ofSeconds(5));
        assertThat(limiter.limit()).isEqualTo(p.getMinLimit());
        saturate(limiter, now, Duration.ofMillis(20), Duration.ofSeconds(25));
        assertThat(limiter.limit()).isEqualTo(p.getMinLimit());

        // latency back to normal at full concurrency: the limit grows again
        saturate(limiter, now, Duration.ofMillis(1), Duration.ofSeconds(20));
        assertThat(limiter.limit()).isGreaterThan(p.getMinLimit());
    }

    /** Holds every permit the limit allows, lets them finish after {@code latency}, for {@code period}. */
    private static void saturate(ConcurrencyLimiter limiter, long[] now, Duration latency, Duration period) {
        long end = now[0] + period.toNanos();
        while (now[0] < end) {
            List<ConcurrencyLimiter.Permit> wave = new ArrayList<>();
            for (Optional<ConcurrencyLimiter.Permit> permit = limiter.tryAcquire();
                    permit.isPresent();
                    permit = limiter.tryAcquire()) {
                wave.add(permit.get());
            }
            now[0] += latency.toNanos();
            wave.forEach(ConcurrencyLimiter.Permit::success);
        }
    }

    @Test
    void reconfigureAppliesNewValuesAndRefusesInvalidOnesKeepingTheOld() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter("http", fixed(1), registry);
        ConcurrencyLimiter.Permit held = limiter.tryAcquire().orElseThrow();
        assertThat(limiter.tryAcquire()).isEmpty();

        limiter.reconfigure(fixed(3));
        assertThat(limiter.limit()).isEqualTo(3);
        assertThat(limiter.tryAcquire()).isPresent();

        ConcurrencyLimitProperties invalid = new ConcurrencyLimitProperties();
        invalid.setMinLimit(50);
        invalid.setMaxLimit(10);
        assertThatThrownBy(() -> limiter.reconfigure(invalid))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min-limit");
        assertThat(limiter.settings().getAlgorithm()).isEqualTo(ConcurrencyLimitProperties.Algorithm.FIXED);
        assertThat(limiter.limit()).isEqualTo(3);
        held.success();
    }

    @Test
    void switchedOffEveryRequestIsAdmitted() {
        ConcurrencyLimitProperties off = fixed(1);
        off.setEnabled(false);
        ConcurrencyLimiter limiter = new ConcurrencyLimiter("http", off, registry);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire()).isPresent();
        }
        assertThat(limiter.inflight()).isEqualTo(5);
    }

    @Test
    void settersRefuseNonsense() {
        ConcurrencyLimitProperties p = new ConcurrencyLimitProperties();
        assertThatThrownBy(() -> p.setMinLimit(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.setRetryAfter(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.setRttTolerance(0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
