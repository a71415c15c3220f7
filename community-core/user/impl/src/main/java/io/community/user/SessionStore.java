package io.community.user;

import io.community.common.cache.KeyValueCache;

import java.time.Duration;
import java.util.Optional;

/**
 * Server-side sessions in the cache. A token is valid only while its session key exists and
 * the session is newer than the user's last "revoke all". Order comes from a cache-wide
 * counter rather than clocks, so instances with skewed clocks cannot resurrect old sessions.
 */
public final class SessionStore {
    private static final String SEQUENCE = "session:seq";
    // The sequence must outlive every session by far; a reset would reorder sessions.
    private static final Duration SEQUENCE_TTL = Duration.ofDays(3650);

    private final KeyValueCache cache;
    private final Duration sessionTtl;

    public SessionStore(KeyValueCache cache, Duration sessionTtl) {
        this.cache = cache;
        this.sessionTtl = sessionTtl;
    }

    public void open(long userId, String jti) {
        long seq = cache.increment(SEQUENCE, SEQUENCE_TTL);
        cache.put(sessionKey(jti), userId + ":" + seq, sessionTtl);
    }

    public boolean isActive(long userId, String jti) {
        Optional<String> session = cache.get(sessionKey(jti));
        if (session.isEmpty()) {
            return false;
        }
        String[] parts = session.get().split(":", 2);
        if (parts.length != 2 || Long.parseLong(parts[0]) != userId) {
            return false;
        }
        long seq = Long.parseLong(parts[1]);
        return cache.get(revokedKey(userId)).map(Long::parseLong).map(before -> seq > before).orElse(true);
    }

    public void close(String jti) {
        cache.delete(sessionKey(jti));
    }

    /** Every session opened before this call stops being valid. */
    public void closeAll(long userId) {
        long seq = cache.increment(SEQUENCE, SEQUENCE_TTL);
        // Once every older session has expired on its own, the marker is no longer needed.
        cache.put(revokedKey(userId), Long.toString(seq), sessionTtl.plusMinutes(1));
    }

    private static String sessionKey(String jti) {
        return "session:" + jti;
    }

    private static String revokedKey(long userId) {
        return "session:revoked:" + userId;
    }
}
