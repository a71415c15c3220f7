package io.community.user;

/**
 * The user context's outgoing port for "a session is no longer what it was": called after the
 * change has committed, so a listener that re-reads finds it. The monolith checks every session
 * in-process and needs none ({@link #NONE}); the cluster's user service publishes them so the
 * gateways can keep a session cache exact (docs/decisions/0035-one-session-check-per-request.md).
 * Implementations never throw: the change has committed, and the database stays the truth.
 */
public interface SessionEvents {

    /** Nobody listens. */
    SessionEvents NONE = new SessionEvents() {
        @Override
        public void sessionEnded(String sessionId) {}

        @Override
        public void userChanged(long userId) {}
    };

    /** One session was revoked (logout). */
    void sessionEnded(String sessionId);

    /** Every session of the user must be checked again: revoked (password change, deletion) or its role changed. */
    void userChanged(long userId);
}
