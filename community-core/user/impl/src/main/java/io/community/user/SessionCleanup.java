package io.community.user;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Deletes expired sessions periodically ({@code community.user.session-cleanup-interval}), in
 * batches of {@code session-cleanup-batch} rows and at most {@link #MAX_BATCHES} batches per run,
 * so no run holds many locks or takes long. Every instance runs it; concurrent runs only share
 * the work. Rows are kept for an hour past their expiry, so instances whose clocks run ahead do
 * not end sessions that others still consider valid.
 */
@Singleton
public class SessionCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(SessionCleanup.class);
    static final Duration GRACE = Duration.ofHours(1);
    static final int MAX_BATCHES = 20;

    private final SessionStore sessions;
    private final Clock clock;
    private final int batch;

    public SessionCleanup(SessionStore sessions, Clock clock, UserProperties properties) {
        this.sessions = sessions;
        this.clock = clock;
        this.batch = properties.getSessionCleanupBatch();
    }

    @Scheduled(
            fixedDelay = "${community.user.session-cleanup-interval:10m}",
            initialDelay = "${community.user.session-cleanup-interval:10m}")
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            // e.g. the database is down, or another instance holds the rows: the next run catches up
            LOG.warn("Deleting expired sessions failed: {}", e.toString());
        }
    }

    /** @return how many expired sessions were deleted */
    public int run() {
        int deleted = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int n = sessions.deleteExpired(clock.instant().minus(GRACE), batch);
            deleted += n;
            if (n < batch) {
                break;
            }
        }
        if (deleted > 0) {
            LOG.debug("Deleted {} expired session(s)", deleted);
        }
        return deleted;
    }
}
