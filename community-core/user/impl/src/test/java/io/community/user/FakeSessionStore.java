package io.community.user;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link SessionStore} for the use-case tests: the rules, not the storage. */
final class FakeSessionStore implements SessionStore {
    final Map<String, Session> rows = new ConcurrentHashMap<>();

    @Override
    public void open(Session session) {
        if (rows.putIfAbsent(session.id(), session) != null) {
            throw new IllegalStateException("duplicate session id");
        }
    }

    @Override
    public Optional<Session> find(String id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public boolean revoke(String id, Instant at) {
        Session s = rows.get(id);
        if (s == null || s.revokedAt() != null) {
            return false;
        }
        rows.put(id, new Session(s.id(), s.userId(), s.createdAt(), s.expiresAt(), at));
        return true;
    }

    @Override
    public List<String> revokeAll(long userId, Instant at) {
        List<String> ids = new ArrayList<>();
        for (Session s : List.copyOf(rows.values())) {
            if (s.userId() == userId && s.revokedAt() == null) {
                revoke(s.id(), at);
                ids.add(s.id());
            }
        }
        return ids;
    }

    @Override
    public int deleteExpired(Instant before, int limit) {
        int n = 0;
        for (Session s : List.copyOf(rows.values())) {
            if (n < limit && s.expiresAt().isBefore(before)) {
                rows.remove(s.id());
                n++;
            }
        }
        return n;
    }
}
