package io.community.tools.migrate;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Copies one table from the source to the target in primary-key order, one transaction per
 * batch. Resumable and idempotent: the target's greatest key is the checkpoint (batches commit in
 * key order, so everything up to it is there), and rows are upserted by key, so a batch that is
 * copied twice changes nothing.
 */
final class TableCopy {
    /** Stops the whole split after this many rows (a test hook for an interruption; see --max-rows). */
    static final class Budget {
        private long left;

        Budget(long maxRows) {
            this.left = maxRows <= 0 ? Long.MAX_VALUE : maxRows;
        }

        boolean exhausted() {
            return left <= 0;
        }

        int take(int wanted) {
            return (int) Math.min(wanted, left);
        }

        void spend(int rows) {
            left -= rows;
        }
    }

    private final String table;
    private final List<String> columns;
    private final List<String> key;
    private final int batchSize;
    private final PrintStream out;

    TableCopy(String table, List<String> columns, List<String> key, int batchSize, PrintStream out) {
        this.table = table;
        this.columns = columns;
        this.key = key;
        this.batchSize = batchSize;
        this.out = out;
    }

    /** Copies what the target lacks; returns the rows written. */
    long run(Connection source, Connection target, String label, boolean fromStart, boolean dryRun, Budget budget)
            throws SQLException {
        long total = Database.count(source, table);
        Object[] after = fromStart ? null : lastKey(target);
        long already = Database.count(target, table);
        if (dryRun) {
            out.printf(
                    "split: %s: %d rows in the source, %d in the target; would copy from %s%n",
                    label, total, already, after == null ? "the first row" : "after key " + describe(after));
            return 0;
        }
        String select = "SELECT " + list(columns) + " FROM " + Database.quote(table)
                + (after == null ? "" : " WHERE " + keyAfter()) + " ORDER BY " + list(key) + " LIMIT ?";
        String selectNext = "SELECT " + list(columns) + " FROM " + Database.quote(table) + " WHERE " + keyAfter()
                + " ORDER BY " + list(key) + " LIMIT ?";
        String upsert = "INSERT INTO " + Database.quote(table) + " (" + list(columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")"
                + updateClause();
        long copied = 0;
        long lastReport = System.nanoTime();
        boolean first = true;
        target.setAutoCommit(false);
        try {
            while (!budget.exhausted()) {
                int limit = budget.take(batchSize);
                List<Object[]> rows = new ArrayList<>(limit);
                try (PreparedStatement s = source.prepareStatement(first ? select : selectNext)) {
                    int i = 1;
                    if (after != null) {
                        for (Object part : after) {
                            s.setObject(i++, part);
                        }
                    }
                    s.setInt(i, limit);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            Object[] row = new Object[columns.size()];
                            for (int c = 0; c < row.length; c++) {
                                row[c] = rs.getObject(c + 1);
                            }
                            rows.add(row);
                        }
                    }
                }
                first = false;
                if (rows.isEmpty()) {
                    break;
                }
                try (PreparedStatement w = target.prepareStatement(upsert)) {
                    for (Object[] row : rows) {
                        for (int c = 0; c < row.length; c++) {
                            w.setObject(c + 1, row[c]);
                        }
                        w.addBatch();
                    }
                    w.executeBatch();
                }
                target.commit();
                after = keyOf(rows.get(rows.size() - 1));
                copied += rows.size();
                budget.spend(rows.size());
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    out.printf(
                            "split: %s: %d rows copied, %d of %d in the target (%d%%)%n",
                            label,
                            copied,
                            already + copied,
                            total,
                            total == 0 ? 100 : Math.min(100, (already + copied) * 100 / total));
                }
                if (rows.size() < limit) {
                    break;
                }
            }
        } catch (SQLException | RuntimeException e) {
            target.rollback();
            throw e;
        } finally {
            target.setAutoCommit(true);
        }
        out.printf("split: %s: %d rows copied (%d in the source)%n", label, copied, total);
        return copied;
    }

    private Object[] lastKey(Connection target) throws SQLException {
        String desc = key.stream().map(k -> Database.quote(k) + " DESC").collect(Collectors.joining(", "));
        try (PreparedStatement s = target.prepareStatement(
                        "SELECT " + list(key) + " FROM " + Database.quote(table) + " ORDER BY " + desc + " LIMIT 1");
                ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            Object[] k = new Object[key.size()];
            for (int i = 0; i < k.length; i++) {
                k[i] = rs.getObject(i + 1);
            }
            return k;
        }
    }

    private Object[] keyOf(Object[] row) {
        Object[] k = new Object[key.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = row[columns.indexOf(key.get(i))];
        }
        return k;
    }

    /** (k1, k2) > (?, ?): row-value comparison, which MariaDB and MySQL both order like the index. */
    private String keyAfter() {
        return "(" + list(key) + ") > (" + key.stream().map(k -> "?").collect(Collectors.joining(", ")) + ")";
    }

    private String updateClause() {
        List<String> rest = columns.stream().filter(c -> !key.contains(c)).toList();
        if (rest.isEmpty()) {
            // nothing but the key: a duplicate is already the same row
            return " ON DUPLICATE KEY UPDATE " + Database.quote(key.get(0)) + " = " + Database.quote(key.get(0));
        }
        return " ON DUPLICATE KEY UPDATE "
                + rest.stream()
                        .map(c -> Database.quote(c) + " = VALUES(" + Database.quote(c) + ")")
                        .collect(Collectors.joining(", "));
    }

    private static String list(List<String> names) {
        return names.stream().map(Database::quote).collect(Collectors.joining(", "));
    }

    private static String describe(Object[] key) {
        return key.length == 1 ? String.valueOf(key[0]) : java.util.Arrays.toString(key);
    }
}
