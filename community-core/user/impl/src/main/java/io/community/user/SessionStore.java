package io.community.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where sessions are kept: durably in the user context's database (the JDBC adapter), with a
 * caching decorator in front. Writes go to the database first; the decorator evicts its copies
 * after commit. Transactions are the caller's.
 */
public interface SessionStore {

    void open(Session session);

    /** The session with that id (jti), revoked and expired ones included. */
    Optional<Session> find(String id);

    /** Marks one session revoked; false if it does not exist or was revoked already. */
    boolean revoke(String id, Instant at);

    /**
     * Marks every not yet revoked session of the user revoked.
     *
     * @return the ids of the sessions this call revoked (for the cache to drop)
     */
    List<String> revokeAll(long userId, Instant at);

    /** Deletes at most {@code limit} sessions that expired before {@code before}; returns how many. */
    int deleteExpired(Instant before, int limit);
}
