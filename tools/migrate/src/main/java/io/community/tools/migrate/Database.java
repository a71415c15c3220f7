package io.community.tools.migrate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** A MariaDB/MySQL database given by JDBC URL and credentials, and what the tool reads of its catalogue. */
record Database(String label, String url, String user, String password) {

    Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user == null ? "" : user);
        p.setProperty("password", password == null ? "" : password);
        Connection c = DriverManager.getConnection(url, p);
        if (c.getCatalog() == null || c.getCatalog().isBlank()) {
            c.close();
            throw new SQLException(label + ": the URL must name a database (" + redacted() + ")");
        }
        return c;
    }

    /** The URL without query parameters, which may carry credentials. */
    String redacted() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    static boolean tableExists(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    static List<String> columns(Connection c, String table) throws SQLException {
        return strings(
                c,
                "SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE()"
                        + " AND table_name = ? ORDER BY ordinal_position",
                table);
    }

    static List<String> primaryKey(Connection c, String table) throws SQLException {
        return strings(
                c,
                "SELECT column_name FROM information_schema.key_column_usage WHERE table_schema = DATABASE()"
                        + " AND table_name = ? AND constraint_name = 'PRIMARY' ORDER BY ordinal_position",
                table);
    }

    static long count(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + quote(table));
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Connection c, String sql, String arg) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** A table or column name as an identifier (names come from migrations and the catalogue, never from input). */
    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
