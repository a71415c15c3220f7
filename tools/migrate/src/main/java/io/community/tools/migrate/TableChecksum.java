package io.community.tools.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table's row count and an order-independent checksum of its content, computed by the
 * database: each row's columns in their canonical text ({@code QUOTE}: NULL apart from the string
 * 'NULL', times with their microseconds, doubles in their shortest round-trip form) are joined and
 * hashed with SHA-256, and the first 60 bits of every row's hash are summed. A changed, missing or
 * duplicated row changes the sum; the order rows are stored or read in does not.
 */
record TableChecksum(long rows, String sum) {

    static TableChecksum of(Connection c, String table, List<String> columns) throws SQLException {
        String row = columns.stream()
                .map(col -> "QUOTE(" + Database.quote(col) + ")")
                .collect(Collectors.joining(", ", "CONCAT_WS('|', ", ")"));
        String sql = "SELECT COUNT(*), COALESCE(SUM(CAST(CONV(LEFT(SHA2(" + row
                + ", 256), 15), 16, 10) AS UNSIGNED)), 0)" + " FROM " + Database.quote(table);
        try (PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return new TableChecksum(rs.getLong(1), rs.getString(2));
        }
    }
}
