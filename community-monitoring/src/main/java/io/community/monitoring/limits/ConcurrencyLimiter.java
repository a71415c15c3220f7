package io.community.monitoring.limits;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.WindowedLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The concurrency limit of one entry point (HTTP API or gRPC server), over Netflix
 * concurrency-limits' {@link SimpleLimiter}: {@link #tryAcquire()} never waits, so a refused request
 * is answered within the time it takes to write the error. The limit adapts to latency (Gradient2 by
 * default: it shrinks when requests get slower than their long-term average, grows while they do
 * not), so a process under twice its capacity keeps serving what it can at its usual latency instead
 * of queueing everything.
 *
 * <p>Gradient2 sees one averaged sample per {@link #WINDOW_MILLIS} ms (Netflix's {@link WindowedLimit}), not
 * one per request: its long-term latency is an average over 600 samples, which at thousands of
 * requests a second is a fraction of a second, so per-request samples let the "long-term" latency
 * follow a growing queue and the limit climbed to its maximum under twice the peak load (measured:
 * bench/RESULTS.md, overload runs of 2026-12-02). With windows the long-term latency spans minutes.
 *
 * <p>Metrics (tagged {@code entry=http|grpc}): {@code community.limits.limit} (current limit),
 * {@code community.limits.inflight} (requests admitted and not finished),
 * {@code community.limits.rejected} (requests refused), {@code community.limits.admitted.inflight}
 * (in-flight count each admitted request saw, its max is the most requests this process ran at once).
 *
 * <p>{@link #reconfigure} swaps in a limiter built from new settings; requests admitted under the old
 * one release to it, so the switch needs no pause.
 */
public final class ConcurrencyLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(ConcurrencyLimiter.class);

    /** How long Gradient2 collects latencies before it adjusts the limit once (at least 10 requests). */
    static final long WINDOW_MILLIS = 200;

    private final String entry;
    private final LongSupplier nanoClock;
    private final AtomicInteger inflight = new AtomicInteger();
    private final Counter rejected;
    private final DistributionSummary admittedInflight;
    private volatile Current current;

    private record Current(ConcurrencyLimitProperties settings, SimpleLimiter<Void> limiter) {}

    /** @param entry {@code http} or {@code grpc}: the tag of this limiter's metrics and its name in logs */
    public ConcurrencyLimiter(String entry, ConcurrencyLimitProperties settings, MeterRegistry registry) {
        this(entry, settings, registry, System::nanoTime);
    }

    /** As above, with the clock request latencies are measured with (tests). */
    ConcurrencyLimiter(
            String entry, ConcurrencyLimitProperties settings, MeterRegistry registry, LongSupplier nanoClock) {
        this.entry = entry;
        this.nanoClock = nanoClock;
        this.current = build(settings);
        this.rejected = Counter.builder("community.limits.rejected")
                .description("Requests refused by the concurrency limit")
                .tag("entry", entry)
                .register(registry);
        this.admittedInflight = DistributionSummary.builder("community.limits.admitted.inflight")
                .description("Requests in flight, this one included, when a request was admitted")
                .tag("entry", entry)
                .register(registry);
        Gauge.builder("community.limits.limit", this, l -> l.current.limiter().getLimit())
                .description("Current concurrency limit")
                .tag("entry", entry)
                .register(registry);
        Gauge.builder("community.limits.inflight", inflight, AtomicInteger::get)
                .description("Requests admitted and not yet finished")
                .tag("entry", entry)
                .register(registry);
        LOG.info("Concurrency limit of the {} entry: {}", entry, describe(current.settings()));
    }

    private Current build(ConcurrencyLimitProperties source) {
        ConcurrencyLimitProperties s = source.copy();
        s.validate();
        Limit limit = switch (s.getAlgorithm()) {
            case GRADIENT2 ->
                WindowedLimit.newBuilder()
                        .minWindowTime(WINDOW_MILLIS, TimeUnit.MILLISECONDS)
                        .maxWindowTime(WINDOW_MILLIS, TimeUnit.MILLISECONDS)
                        .build(Gradient2Limit.newBuilder()
                                .initialLimit(s.getInitialLimit())
                                .minLimit(s.getMinLimit())
                                .maxConcurrency(s.getMaxLimit())
                                .rttTolerance(s.getRttTolerance())
                                .build());
            case FIXED -> FixedLimit.of(s.getInitialLimit());
        };
        return new Current(
                s, SimpleLimiter.newBuilder().limit(limit).nanoClock(nanoClock).build());
    }

    /**
     * Applies new settings (e.g. reloaded configuration). Invalid ones are refused with an
     * {@link IllegalArgumentException} and the current limiter stays.
     */
    public void reconfigure(ConcurrencyLimitProperties settings) {
        Current next = build(settings);
        current = next;
        LOG.info("Concurrency limit of the {} entry reconfigured: {}", entry, describe(next.settings()));
    }

    public ConcurrencyLimitProperties settings() {
        return current.settings().copy();
    }

    public Duration retryAfter() {
        return current.settings().getRetryAfter();
    }

    public int limit() {
        return current.limiter().getLimit();
    }

    public int inflight() {
        return inflight.get();
    }

    /**
     * A permit for one request, or empty when the process is at its limit (the refusal is counted).
     * With the limit switched off every request gets a permit that only counts it.
     */
    public Optional<Permit> tryAcquire() {
        Current c = current;
        if (!c.settings().isEnabled()) {
            return Optional.of(new Permit(null));
        }
        Optional<Limiter.Listener> listener = c.limiter().acquire(null);
        if (listener.isEmpty()) {
            rejected.increment();
            return Optional.empty();
        }
        return Optional.of(new Permit(listener.get()));
    }

    private static String describe(ConcurrencyLimitProperties s) {
        if (!s.isEnabled()) {
            return "off";
        }
        return s.getAlgorithm() == ConcurrencyLimitProperties.Algorithm.FIXED
                ? "fixed at " + s.getInitialLimit()
                : s.getAlgorithm().name().toLowerCase() + ", starting at " + s.getInitialLimit() + " within "
                        + s.getMinLimit() + ".." + s.getMaxLimit();
    }

    /** One admitted request. Exactly one of its methods takes effect; later calls do nothing. */
    public final class Permit {
        private final Limiter.Listener listener;
        private final AtomicBoolean done = new AtomicBoolean();

        private Permit(Limiter.Listener listener) {
            this.listener = listener;
            admittedInflight.record(inflight.incrementAndGet());
        }

        /** The request was answered: its latency is a sample for the limit. */
        public void success() {
            if (done.compareAndSet(false, true)) {
                inflight.decrementAndGet();
                if (listener != null) {
                    listener.onSuccess();
                }
            }
        }

        /** The request ended without a meaningful latency (cancelled, failed before an answer). */
        public void ignore() {
            if (done.compareAndSet(false, true)) {
                inflight.decrementAndGet();
                if (listener != null) {
                    listener.onIgnore();
                }
            }
        }
    }
}
