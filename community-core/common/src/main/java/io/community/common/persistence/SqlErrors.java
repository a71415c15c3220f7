package io.community.common.persistence;

import java.sql.SQLException;

/** The vendor codes the stores need to tell apart, for the two databases the project runs on. */
public final class SqlErrors {
    /** MariaDB/MySQL ER_DUP_ENTRY; its SQLState 23000 alone also covers CHECK and NOT NULL violations. */
    private static final int MARIADB_DUPLICATE_KEY = 1062;
    /** H2 (and the SQL standard's unique violation). */
    private static final String DUPLICATE_KEY_STATE = "23505";

    private SqlErrors() {}

    public static boolean isDuplicateKey(SQLException e) {
        return DUPLICATE_KEY_STATE.equals(e.getSQLState()) || e.getErrorCode() == MARIADB_DUPLICATE_KEY;
    }
}
