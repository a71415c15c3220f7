package io.community.cluster.gateway.session;

import io.community.cluster.grpc.ExactCache;
import io.community.cluster.grpc.InternalCredential;
import io.community.cluster.grpc.RevocationSubscriber;
import io.community.cluster.grpc.SessionRevocations;
import io.community.common.identity.Actor;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The gateway's sessions checked by the user service, by token, so a session it has seen costs no
 * remote call on the next request: an {@link ExactCache}, exact only while this gateway hears
 * every revocation event; when not live every check goes to the user service. Design and failure
 * modes: docs/decisions/0035-one-session-check-per-request.md.
 *
 * <p>Also keeps, per session, the caller tokens minted for each service, so signing happens about
 * once per half token lifetime rather than once per call.
 */
public final class SessionCache implements RevocationSubscriber.Listener {
    private final Clock clock;
    private final ExactCache<String, Entry> entries;

    public SessionCache(Clock clock, Duration maxAge, int maxSize, MeterRegistry meters) {
        this.clock = clock;
        this.entries = new ExactCache<>(
                clock,
                maxAge,
                maxSize,
                (cache, event) -> forget(event),
                ExactCache.counted(
                        meters,
                        "community.gateway.session.checks",
                        "Session checks at the gateway: hit (cached, no remote call), miss (checked remotely and "
                                + "cached), bypass (checked remotely: revocation events not heard)"));
    }

    /** A cache that is never live: every check is remote (no events, or switched off). */
    public static SessionCache off(MeterRegistry meters) {
        return new SessionCache(Clock.systemUTC(), Duration.ofSeconds(1), 1, meters);
    }

    /**
     * The session of {@code token}: the cached answer while live and fresh, otherwise {@code remote}'s
     * (whose failures, e.g. a revoked session, propagate and are never cached).
     */
    public CheckedSession check(String token, Function<String, CheckedSession> remote) {
        return entries.get(token, t -> new Entry(remote.apply(t)), e -> true, e -> e.session.expiresAt()).session;
    }

    /**
     * A caller token for {@code audience}, for the caller the current request was authenticated as:
     * reused from the session's entry while it names the same caller and has half its life left,
     * minted otherwise (also when the session is not cached).
     */
    public String callerToken(String token, Actor actor, String audience, InternalCredential credential) {
        Entry entry = entries.peek(token).orElse(null);
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
    @Override
    public void apply(SessionRevocations.Event event) {
        entries.apply(event);
    }

    private void forget(SessionRevocations.Event event) {
        if (event instanceof SessionRevocations.SessionEnded ended) {
            entries.removeIf(e -> e.session.sessionId().equals(ended.sessionId()));
        } else if (event instanceof SessionRevocations.UserChanged changed) {
            entries.removeIf(e -> e.session.actor().userId() == changed.userId());
        }
    }

    /** After this gateway itself ended a session (its logout): gone before the answer leaves. */
    public void forgetToken(String token) {
        entries.remove(token);
    }

    /** Whether revocation events are heard. Every change starts over: events may have been missed. */
    @Override
    public void live(boolean heard) {
        entries.live(heard);
    }

    @Override
    public boolean live() {
        return entries.live();
    }

    /** Drops entries past their time (called periodically; lookups check the time anyway). */
    @Override
    public void purgeExpired() {
        entries.purgeExpired();
    }

    public int size() {
        return entries.size();
    }

    Optional<CheckedSession> cached(String token) {
        return entries.peek(token).map(e -> e.session);
    }

    private static final class Entry {
        final CheckedSession session;
        final Map<String, Minted> minted = new ConcurrentHashMap<>(4);

        Entry(CheckedSession session) {
            this.session = session;
        }
    }

    private record Minted(Actor actor, String token, Instant renewAt) {}
}
