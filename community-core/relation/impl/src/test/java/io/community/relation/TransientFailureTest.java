package io.community.relation;

import io.micronaut.data.exceptions.DataAccessException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which database failures make a whole follow/unfollow transaction run again. */
class TransientFailureTest {
    private final TransientFailure transientFailure = new TransientFailure();

    private static DataAccessException wrapped(SQLException e) {
        return new DataAccessException("Error executing SQL UPDATE: " + e.getMessage(), e);
    }

    @Test
    void deadlocksLockTimeoutsAndDuplicateRacesAreRetried() {
        // what MariaDB Connector/J and H2 actually raise, as seen in the adapter tests and their docs
        assertThat(transientFailure.test(wrapped(new SQLTransactionRollbackException(
                        "Deadlock found when trying to get lock; try restarting transaction", "40001", 1213))))
                .isTrue();
        assertThat(transientFailure.test(wrapped(new SQLException("Lock wait timeout exceeded", "HY000", 1205))))
                .isTrue();
        assertThat(transientFailure.test(wrapped(new SQLException("Deadlock detected", "40001", 40001))))
                .isTrue();
        assertThat(transientFailure.test(wrapped(new SQLException("Timeout trying to lock table", "HYT00", 50200))))
                .isTrue();
        assertThat(transientFailure.test(wrapped(new SQLException("Concurrent update", "90131", 90131))))
                .isTrue();
        assertThat(transientFailure.test(wrapped(new SQLIntegrityConstraintViolationException(
                        "Duplicate entry '1-2' for key 'uk_user_following'", "23000", 1062))))
                .isTrue();
        assertThat(transientFailure.test(wrapped(new SQLException("Unique index violation", "23505", 23505))))
                .isTrue();
    }

    @Test
    void everythingElseIsNot() {
        assertThat(transientFailure.test(wrapped(new SQLSyntaxErrorException("syntax", "42000", 1064))))
                .isFalse();
        assertThat(transientFailure.test(wrapped(
                        new SQLIntegrityConstraintViolationException("Check constraint failed", "23000", 4025))))
                .isFalse();
        assertThat(transientFailure.test(new IllegalStateException("bug"))).isFalse();
        assertThat(transientFailure.test(new DataAccessException("no SQL cause")))
                .isFalse();
        assertThat(transientFailure.test(wrapped(new SQLException("no state")))).isFalse();
    }

    @Test
    void aLostOrUnobtainableConnectionIsNeverRetried() {
        // Hikari when the pool cannot get a connection in time (wrapped by the transaction manager)
        assertThat(transientFailure.test(new RuntimeException(
                        "Cannot create transaction",
                        new SQLTransientConnectionException(
                                "HikariPool-1 - Connection is not available, request timed out after 2000ms.",
                                "08000",
                                new SQLTransactionRollbackException("deadlock", "40001", 1213)))))
                .isFalse();
        // MariaDB Connector/J when the server is gone
        assertThat(transientFailure.test(
                        wrapped(new SQLNonTransientConnectionException("(conn=12) Connection reset", "08000", 0))))
                .isFalse();
        assertThat(transientFailure.test(wrapped(new SQLException("Communications link failure", "08S01", 0))))
                .isFalse();
    }
}
