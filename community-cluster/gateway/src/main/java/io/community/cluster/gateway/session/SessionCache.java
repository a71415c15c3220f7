package io.community.cluster.gateway.session;

import io.community.cluster.grpc.InternalCredential;
import io.community.cluster.grpc.SessionRevocations;
import io.community.common.identity.Actor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The gateway's sessions checked by the user service, by token, so a session it has seen costs no
 * remote call on the next request. Exact only while {@link #live} (this gateway hears every
 * revocation event); when not live every check goes to the user service. Every event, and every
 * change of liveness, advances a generation: an answer that was in flight across one is not cached,
 * so an old "valid" never lands after a revocation. Design and failure modes:
 * docs/decisions/0035-one-session-check-per-request.md.
 *
 * <p>Also keeps, per session, the caller tokens minted for each service, so signing happens about
 * once per half token lifetime rather than once per call.
 */
public final class SessionCache {
    private final Clock clock;
    private final Duration maxAge;
    private final int maxSize;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Counter hits;
    private final Counter misses;
    private final Counter bypasses;
    private volatile boolean live;

    public SessionCache(Clock clock, Duration maxAge, int maxSize, MeterRegistry meters) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxSize = maxSize;
        this.hits = counter(meters, "hit");
        this.misses = counter(meters, "miss");
        this.bypasses = counter(meters, "bypass");
    }

    /** A cache that is never live: every check is remote (no events, or switched off). */
    public static SessionCache off(MeterRegistry meters) {
        return new SessionCache(Clock.systemUTC(), Duration.ofSeconds(1), 1, meters);
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return meters == null
                ? null
                : Counter.builder("community.gateway.session.checks")
                        .tag("result", result)
                        .description(
                                "Session checks at the gateway: hit (cached, no remote call), miss (checked remotely "
                                        + "and cached), bypass (checked remotely: revocation events not heard)")
                        .register(meters);
    }

    private static void count(Counter counter) {
        if (counter != null) {
            counter.increment();
        }
    }

    /**
     * The session of {@code token}: the cached answer while live and fresh, otherwise {@code remote}'s
     * (whose failures, e.g. a revoked session, propagate and are never cached).
     */
    public CheckedSession check(String token, Function<String, CheckedSession> remote) {
        Instant now = clock.instant();
        if (live) {
            Entry entry = entries.get(token);
            if (entry != null && now.isBefore(entry.trustedUntil)) {
                count(hits);
                return entry.session;
            }
        }
        long before = generation.get();
        boolean wasLive = live;
        CheckedSession session = remote.apply(token);
        if (wasLive && live && generation.get() == before) {
            if (entries.size() >= maxSize) {
                entries.clear();
            }
            Instant until = now.plus(maxAge);
            entries.put(token, new Entry(session, session.expiresAt().isBefore(until) ? session.expiresAt() : until));
            // an event that arrived while we stored it must win
            if (generation.get() != before) {
                entries.remove(token);
            }
            count(misses);
        } else {
            count(bypasses);
        }
        return session;
    }

    /**
     * A caller token for {@code audience}, for the caller the current request was authenticated as:
     * reused from the session's entry while it names the same caller and has half its life left,
     * minted otherwise (also when the session is not cached).
     */
    public String callerToken(String token, Actor actor, String audience, InternalCredential credential) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return credential.mintCaller(audience, actor, null);
        }
        String sessionId = entry.session.sessionId();
        Instant now = clock.instant();
        Minted minted = entry.minted.get(audience);
        if (minted == null || !minted.actor.equals(actor) || !now.isBefore(minted.renewAt)) {
            minted = new Minted(
                    actor,
                    credential.mintCaller(audience, actor, sessionId),
                    now.plus(InternalCredential.LIFETIME.dividedBy(2)));
            entry.minted.put(audience, minted);
        }
        return minted.token;
    }

    /** Applies one revocation event. */
    public void apply(SessionRevocations.Event event) {
        generation.incrementAndGet();
        if (event instanceof SessionRevocations.SessionEnded ended) {
            entries.values().removeIf(e -> e.session.sessionId().equals(ended.sessionId()));
        } else if (event instanceof SessionRevocations.UserChanged changed) {
            entries.values().removeIf(e -> e.session.actor().userId() == changed.userId());
        }
    }

    /** After this gateway itself ended a session (its logout): gone before the answer leaves. */
    public void forgetToken(String token) {
        generation.incrementAndGet();
        entries.remove(token);
    }

    /** Whether revocation events are heard. Every change starts over: events may have been missed. */
    public void live(boolean heard) {
        if (live != heard) {
            generation.incrementAndGet();
            entries.clear();
            live = heard;
        }
    }

    public boolean live() {
        return live;
    }

    /** Drops entries past their time (called periodically; lookups check the time anyway). */
    public void purgeExpired() {
        Instant now = clock.instant();
        entries.values().removeIf(e -> !now.isBefore(e.trustedUntil));
    }

    public int size() {
        return entries.size();
    }

    Optional<CheckedSession> cached(String token) {
        return Optional.ofNullable(entries.get(token)).map(e -> e.session);
    }

    private static final class Entry {
        final CheckedSession session;
        final Instant trustedUntil;
        final Map<String, Minted> minted = new ConcurrentHashMap<>(4);

        Entry(CheckedSession session, Instant trustedUntil) {
            this.session = session;
            this.trustedUntil = trustedUntil;
        }
    }

    private record Minted(Actor actor, String token, Instant renewAt) {}
}
