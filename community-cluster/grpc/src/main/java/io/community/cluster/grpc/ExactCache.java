package io.community.cluster.grpc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A cache of answers from another service that is exact only while {@link #live} (its owner hears
 * every event that invalidates an answer, e.g. {@link RevocationSubscriber}); when not live every
 * lookup asks again. Every invalidation, and every change of liveness, advances a generation: an
 * answer that was in flight across one is not stored, so an old answer never lands after the event
 * that outdated it. Entries are trusted for at most {@code maxAge} even with events flowing: the
 * bound on staleness if an event is lost while the subscription looks healthy.
 *
 * <p>Used by the gateway for checked sessions and by the relation service for known users
 * (docs/decisions/0035-one-session-check-per-request.md).
 */
public final class ExactCache<K, V> implements RevocationSubscriber.Listener {
    /** How one lookup was answered. */
    public enum Result {
        /** From the cache: no remote call. */
        HIT,
        /** Asked remotely and stored. */
        MISS,
        /** Asked remotely, not stored: not live, or an event arrived meanwhile. */
        BYPASS
    }

    private final Clock clock;
    private final Duration maxAge;
    private final int maxSize;
    private final Consumer<Result> results;
    private final BiConsumer<ExactCache<K, V>, SessionRevocations.Event> onEvent;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean live;

    /**
     * @param onEvent what an event invalidates in this cache, through {@link #removeIf} / {@link #remove}
     * @param results told how each lookup was answered (metrics)
     */
    public ExactCache(
            Clock clock,
            Duration maxAge,
            int maxSize,
            BiConsumer<ExactCache<K, V>, SessionRevocations.Event> onEvent,
            Consumer<Result> results) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxSize = maxSize;
        this.onEvent = onEvent;
        this.results = results;
    }

    /**
     * The value for {@code key}: the cached one while live and fresh, otherwise {@link #load}'s.
     */
    public V get(K key, Function<K, V> remote, Predicate<V> storable, Function<V, Instant> notAfter) {
        if (live) {
            Entry<V> entry = entries.get(key);
            if (entry != null && clock.instant().isBefore(entry.trustedUntil)) {
                results.accept(Result.HIT);
                return entry.value;
            }
        }
        return load(key, remote, storable, notAfter);
    }

    /**
     * {@code remote}'s value for {@code key} (whose failures propagate and are never cached), stored
     * if {@code storable} allows, the cache is live and nothing changed meanwhile; trusted until
     * {@code notAfter} of the value (null: no limit of its own) or the max age, whichever is first.
     */
    public V load(K key, Function<K, V> remote, Predicate<V> storable, Function<V, Instant> notAfter) {
        Instant now = clock.instant();
        long before = generation.get();
        boolean wasLive = live;
        V value = remote.apply(key);
        if (wasLive && live && generation.get() == before && storable.test(value)) {
            if (entries.size() >= maxSize) {
                entries.clear();
            }
            Instant until = now.plus(maxAge);
            Instant last = notAfter.apply(value);
            entries.put(key, new Entry<>(value, last != null && last.isBefore(until) ? last : until));
            // an event that arrived while we stored it must win
            if (generation.get() != before) {
                entries.remove(key);
            }
            results.accept(Result.MISS);
        } else {
            results.accept(Result.BYPASS);
        }
        return value;
    }

    /**
     * Counts each lookup's result as {@code name{result="hit"|"miss"|"bypass"}}; counts nothing
     * without a registry.
     */
    public static Consumer<Result> counted(MeterRegistry meters, String name, String description) {
        if (meters == null) {
            return result -> {};
        }
        Map<Result, Counter> counters = new EnumMap<>(Result.class);
        for (Result result : Result.values()) {
            counters.put(
                    result,
                    Counter.builder(name)
                            .tag("result", result.name().toLowerCase(Locale.ROOT))
                            .description(description)
                            .register(meters));
        }
        return result -> counters.get(result).increment();
    }

    /** Refuses settings such a cache cannot work with, naming them under {@code prefix} (e.g. {@code community.x.}). */
    public static void checkSettings(String prefix, Duration maxAge, int maxSize, Duration heartbeat) {
        positive(prefix + "max-age", maxAge);
        positive(prefix + "heartbeat", heartbeat);
        if (maxSize < 1) {
            throw new IllegalArgumentException(prefix + "max-size must be at least 1, got " + maxSize);
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** The stored value, fresh or not, live or not (for data kept alongside an entry). */
    public Optional<V> peek(K key) {
        return Optional.ofNullable(entries.get(key)).map(e -> e.value);
    }

    @Override
    public void apply(SessionRevocations.Event event) {
        onEvent.accept(this, event);
    }

    /** Forgets every entry whose value matches; nothing in flight lands afterwards. */
    public void removeIf(Predicate<V> outdated) {
        generation.incrementAndGet();
        entries.values().removeIf(e -> outdated.test(e.value));
    }

    /** Forgets one entry; nothing in flight lands afterwards. */
    public void remove(K key) {
        generation.incrementAndGet();
        entries.remove(key);
    }

    /** Whether invalidating events are heard. Every change starts over: events may have been missed. */
    @Override
    public void live(boolean heard) {
        if (live != heard) {
            generation.incrementAndGet();
            entries.clear();
            live = heard;
        }
    }

    @Override
    public boolean live() {
        return live;
    }

    /** Drops entries past their time (called periodically; lookups check the time anyway). */
    @Override
    public void purgeExpired() {
        Instant now = clock.instant();
        entries.values().removeIf(e -> !now.isBefore(e.trustedUntil));
    }

    public int size() {
        return entries.size();
    }

    private record Entry<V>(V value, Instant trustedUntil) {}
}
