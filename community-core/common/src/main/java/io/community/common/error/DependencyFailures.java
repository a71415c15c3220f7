package io.community.common.error;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a dependency that is down or not answering (database, Redis) from a bug, so both transports
 * answer it as 503 / UNAVAILABLE with a retry hint instead of 500 / INTERNAL. The HTTP envelope and
 * the gRPC error interceptor both ask here; nothing else decides it.
 *
 * <p>Wrappers do not matter: the whole cause chain is searched, so a connection failure is found
 * whether Micronaut Data ({@code DataAccessException}), the transaction manager
 * ({@code CannotCreateTransactionException}) or a store wrapped it. Recognised:
 * <ul>
 *   <li>{@link SQLTransientConnectionException}: Hikari's "connection is not available, request
 *       timed out" when the pool cannot get a connection within {@code connection-timeout};</li>
 *   <li>{@link SQLNonTransientConnectionException} and any SQLState of class {@code 08}: the driver
 *       lost or could not open the connection (MariaDB refused, reset, socket timeout);</li>
 *   <li>{@link SQLTimeoutException}: a statement ran into its timeout;</li>
 *   <li>Lettuce's connection and command-timeout exceptions (Redis down or stopped);</li>
 *   <li>Micronaut Data's {@code ConnectionException}: preparing or restoring a connection failed
 *       (e.g. "could not set autocommit: Connection is closed" after the server reset it during a
 *       commit, where Hikari's closed-connection error carries no SQLState). Matched by name, since
 *       the gateway has no Micronaut Data on its classpath.</li>
 * </ul>
 * Suppressed exceptions count too: a failed commit's cause may sit under the rollback's.
 * Integrity, syntax and deadlock errors are not among them: they stay what they are.
 */
public final class DependencyFailures {
    /** Said to clients in Retry-After / RetryInfo: about the pool's connection timeout. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final String DATA_CONNECTION_EXCEPTION =
            "io.micronaut.data.connection.exceptions.ConnectionException";

    private DependencyFailures() {}

    /** The 503 to answer when {@code error} means a dependency is unavailable; empty for anything else. */
    public static Optional<DomainException> unavailable(Throwable error) {
        return isDependencyFailure(error)
                ? Optional.of(
                        DomainException.unavailable(ErrorReason.SERVICE_UNAVAILABLE.defaultMessage(), RETRY_AFTER))
                : Optional.empty();
    }

    public static boolean isDependencyFailure(Throwable error) {
        return isDependencyFailure(error, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean isDependencyFailure(Throwable error, Set<Throwable> seen) {
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof DomainException) {
                return false; // already decided by the code that threw it
            }
            if (isConnectionFailure(t)
                    || t instanceof SQLTimeoutException
                    || isRedisFailure(t)
                    || DATA_CONNECTION_EXCEPTION.equals(t.getClass().getName())) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (isDependencyFailure(suppressed, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A failure to get or keep a database connection (not a failed statement on a live one). */
    public static boolean isConnectionFailure(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
            return true;
        }
        return t instanceof SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS);
    }

    private static boolean isRedisFailure(Throwable t) {
        return t instanceof RedisConnectionException || t instanceof RedisCommandTimeoutException;
    }
}
