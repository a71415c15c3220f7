package io.community.common.persistence;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * "Count, then page" for stores that write their SQL by hand: the total, then one page of rows,
 * on one connection (the caller's read-only transaction makes them agree). A page that starts at
 * or past the total costs no second query.
 */
public final class PagedQuery {
    private PagedQuery() {}

    /** Binds the query's own parameters from index 1 on; returns the next free index. */
    @FunctionalInterface
    public interface Binder {
        int bind(PreparedStatement statement) throws SQLException;
    }

    /** One result row as one item. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /**
     * Runs {@code countSql} (one row, one number), then {@code pageSql + " LIMIT ? OFFSET ?"}; both
     * get the same parameters from {@code params}, the page query the limit and offset after them.
     */
    public static <T> Page<T> page(
            Connection connection, String countSql, String pageSql, PageRequest page, Binder params, RowMapper<T> rows)
            throws SQLException {
        long total;
        try (PreparedStatement count = connection.prepareStatement(countSql)) {
            params.bind(count);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        if (total <= page.offset()) {
            return new Page<>(List.of(), total);
        }
        List<T> items = new ArrayList<>(page.limit());
        try (PreparedStatement select = connection.prepareStatement(pageSql + " LIMIT ? OFFSET ?")) {
            int next = params.bind(select);
            select.setInt(next++, page.limit());
            select.setLong(next, page.offset());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    items.add(rows.map(rs));
                }
            }
        }
        return new Page<>(items, total);
    }
}
