package io.community.tools.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A context's schema version in one database: the migrations its Flyway history table records as
 * applied (version and checksum), baselines left out — the monolith baselines the second and third
 * context it migrates into a non-empty schema, a service's own database does not.
 */
record SchemaVersion(List<String> applied) {

    /** Empty when the database has no history table of that context (nothing migrated yet). */
    static Optional<SchemaVersion> read(Connection c, BoundedContext context) throws SQLException {
        if (!Database.tableExists(c, context.historyTable())) {
            return Optional.empty();
        }
        List<String> applied = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                        "SELECT version, checksum FROM "
                                + Database.quote(context.historyTable())
                                + " WHERE success = 1 AND version IS NOT NULL AND type NOT LIKE '%BASELINE' ORDER BY installed_rank");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                applied.add(rs.getString(1) + "#" + rs.getString(2));
            }
        }
        return Optional.of(new SchemaVersion(applied));
    }

    /** The latest applied version, e.g. "4"; "none" before the first migration. */
    String latest() {
        return applied.isEmpty() ? "none" : applied.get(applied.size() - 1).replaceAll("#.*", "");
    }

    @Override
    public String toString() {
        return "version " + latest() + " (" + applied.size() + " migrations)";
    }
}
