package io.community.relation;

import io.community.common.error.DependencyFailures;
import io.community.common.persistence.SqlErrors;
import io.micronaut.retry.annotation.RetryPredicate;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Failures after which running the whole transaction again is right: the database gave up on it
 * because of a concurrent one, not because of what it does. Follow and unfollow are idempotent,
 * so a second run cannot double anything.
 *
 * <p>InnoDB does deadlock on concurrent follow/unfollow of one pair (two transactions holding
 * shared locks on the same, possibly delete-marked, unique-key entry both want to insert), and
 * rolls the victim back; seen in the adapter tests. A duplicate key is listed although
 * {@code INSERT IGNORE} and upserts should never raise one: if a race ever did, the retry sees
 * the committed row and does nothing, instead of answering 500.
 *
 * <p>Never a lost or unobtainable connection ({@link DependencyFailures}): each attempt would wait
 * for the pool's connection timeout again, turning a fast 503 into a hang of several seconds.
 */
public final class TransientFailure implements RetryPredicate {
    private static final int MARIADB_DEADLOCK = 1213;
    private static final int MARIADB_LOCK_WAIT_TIMEOUT = 1205;
    private static final String H2_LOCK_TIMEOUT = "HYT00";
    private static final String H2_CONCURRENT_UPDATE = "90131";

    @Override
    public boolean test(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (DependencyFailures.isConnectionFailure(t)) {
                // the database is unreachable: running again only makes the caller wait for the
                // pool's timeout once more per attempt; the request answers 503 at once instead
                return false;
            }
            if (t instanceof SQLTransactionRollbackException) {
                return true;
            }
            if (t instanceof SQLException sql && isTransient(sql)) {
                return true;
            }
        }
        return false;
    }

    static boolean isTransient(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        return state.startsWith("40") // transaction rollback: deadlock, serialization failure
                || code == MARIADB_DEADLOCK
                || code == MARIADB_LOCK_WAIT_TIMEOUT
                || state.equals(H2_LOCK_TIMEOUT)
                || state.equals(H2_CONCURRENT_UPDATE)
                || SqlErrors.isDuplicateKey(e);
    }
}
