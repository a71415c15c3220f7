package io.community.common.persistence;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.jdbc.runtime.PreparedStatementCallback;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Collections;

/** Plumbing for stores that write their SQL by hand (portable between MariaDB and H2). */
public final class JdbcStatements {
    private JdbcStatements() {}

    /**
     * Runs a prepared statement on the current transaction's connection, or on a fresh one when
     * there is none: {@link JdbcOperations#prepareStatement} alone needs an open connection.
     */
    public static <R> R prepared(
            JdbcOperations jdbc, String sql, int generatedKeys, PreparedStatementCallback<R> callback) {
        return jdbc.execute(connection -> {
            try (PreparedStatement s = connection.prepareStatement(sql, generatedKeys)) {
                return callback.call(s);
            }
        });
    }

    public static <R> R prepared(JdbcOperations jdbc, String sql, PreparedStatementCallback<R> callback) {
        return prepared(jdbc, sql, Statement.NO_GENERATED_KEYS, callback);
    }

    /** Binds the values from {@code firstIndex} on; returns the next free index. */
    public static int bindLongs(PreparedStatement s, int firstIndex, Collection<Long> values) throws SQLException {
        int index = firstIndex;
        for (Long value : values) {
            s.setLong(index++, value);
        }
        return index;
    }

    /** Executes an insert prepared with generated keys and returns the new row's id. */
    public static long insertReturningId(PreparedStatement s, String what) throws SQLException {
        s.executeUpdate();
        try (ResultSet keys = s.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new DataAccessException("no id generated for a new " + what);
            }
            return keys.getLong(1);
        }
    }

    /** {@code ?, ?, ?} for an IN list of n values (n > 0; callers skip empty lists). */
    public static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
