package io.community.common.error;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are "a dependency is down" (503 + retry hint) and which stay errors. */
class DependencyFailuresTest {

    @Test
    void connectionFailuresAnywhereInTheChainAreUnavailable() {
        var poolTimeout = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 2001ms.");
        assertThat(DependencyFailures.unavailable(new IllegalStateException("Cannot create transaction", poolTimeout)))
                .hasValueSatisfying(e -> {
                    assertThat(e.reason()).isEqualTo(ErrorReason.SERVICE_UNAVAILABLE);
                    assertThat(e.retryAfter()).contains(DependencyFailures.RETRY_AFTER);
                    assertThat(e.getMessage()).doesNotContain("Hikari");
                });
        assertThat(DependencyFailures.isDependencyFailure(new DataAccessException(
                        "Error executing SQL",
                        new SQLNonTransientConnectionException(
                                "Socket fail to connect to host:127.0.0.1, port:1", "08000"))))
                .isTrue();
        assertThat(DependencyFailures.isDependencyFailure(
                        new DataAccessException("x", new SQLException("Communications link failure", "08S01"))))
                .isTrue();
        assertThat(DependencyFailures.isDependencyFailure(new DataAccessException(
                        "x",
                        new SQLTimeoutException(
                                "Query execution was interrupted (max_statement_time exceeded)", "70100", 1969))))
                .isTrue();
        assertThat(DependencyFailures.isDependencyFailure(new RedisConnectionException("Unable to connect")))
                .isTrue();
        assertThat(DependencyFailures.isDependencyFailure(new RedisCommandTimeoutException("Command timed out")))
                .isTrue();
    }

    @Test
    void aConnectionClosedUnderACommitIsUnavailable() {
        // what the transaction manager threw when MariaDB was killed during a commit: Hikari's
        // closed-connection error has no SQLState; the commit's own cause is suppressed or logged
        var closed = new io.micronaut.data.connection.exceptions.ConnectionException(
                "Could not set JDBC Connection read-only: Connection is closed",
                new SQLException("Connection is closed"));
        assertThat(DependencyFailures.isDependencyFailure(closed)).isTrue();

        var rollback = new IllegalStateException("rollback failed");
        rollback.addSuppressed(new SQLNonTransientConnectionException("(conn=5) Socket error", "08000"));
        assertThat(DependencyFailures.isDependencyFailure(new RuntimeException("commit", rollback)))
                .isTrue();
    }

    @Test
    void bugsAndDataErrorsAreNot() {
        assertThat(DependencyFailures.unavailable(new IllegalStateException("bug")))
                .isEmpty();
        assertThat(DependencyFailures.isDependencyFailure(
                        new DataAccessException("x", new SQLSyntaxErrorException("syntax", "42000", 1064))))
                .isFalse();
        assertThat(DependencyFailures.isDependencyFailure(new DataAccessException(
                        "x", new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062))))
                .isFalse();
        assertThat(DependencyFailures.isDependencyFailure(new DataAccessException(
                        "x", new SQLTransactionRollbackException("Deadlock found", "40001", 1213))))
                .isFalse();
        // a decision already taken by the code that threw stays as it is
        assertThat(DependencyFailures.isDependencyFailure(new DomainException(ErrorReason.NOT_FOUND)))
                .isFalse();
    }

    @Test
    void onlyLostConnectionsCountAsConnectionFailures() {
        assertThat(DependencyFailures.isConnectionFailure(new SQLTransientConnectionException("pool")))
                .isTrue();
        assertThat(DependencyFailures.isConnectionFailure(new SQLTimeoutException("statement timeout", "70100")))
                .isFalse();
        assertThat(DependencyFailures.isConnectionFailure(new SQLException("no state")))
                .isFalse();
    }
}
