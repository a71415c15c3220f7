package io.community.user.persistence;

import io.community.common.error.DomainException;
import io.community.common.identity.Role;
import io.community.common.persistence.UtcMicros;
import io.community.user.api.UserQuery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the admin list's {@link UserQuery} into SQL fragments and parameters. The reference
 * concatenated client input into SQL; here nothing from the client reaches the SQL text except
 * through these allow-lists, and every value is a bound parameter.
 *
 * <p>Filters combine strictly left to right: a column's {@code logic} joins it to the next one,
 * so {@code a OR b AND c} means {@code (a OR b) AND c}, not SQL's {@code a OR (b AND c)}.
 * Time columns take Unix seconds and compare as the client sees them (whole seconds):
 * {@code createdAt = t} matches anything within that second.
 */
final class UserSearch {
    static final int MAX_COLUMNS = 20;
    static final int MAX_VALUE_LENGTH = 255;
    static final String DEFAULT_SORT = "-created_at";
    /** DATETIME(6) allows up to 9999-12-31 23:59:59. */
    private static final long MAX_UNIX_SECONDS = 253_402_300_799L;
    /** '!' rather than the default '\': whether '\' escapes depends on the server's sql_mode. */
    private static final char LIKE_ESCAPE = '!';

    private static final String SECONDS_TO_DATETIME = "TIMESTAMPADD(SECOND, ?, " + UtcMicros.EPOCH + ")";

    private enum Kind {
        TEXT,
        NUMBER,
        ROLE,
        TIME
    }

    /** {@code filter} is what filters compare (a never-logged-in user has loginAt 0, as the API shows it). */
    private record Column(String filter, String sort, Kind kind) {
        static Column of(String column, Kind kind) {
            return new Column(column, column, kind);
        }
    }

    private enum Op {
        EQ("="),
        NEQ("<>"),
        GT(">"),
        GTE(">="),
        LT("<"),
        LTE("<="),
        LIKE("LIKE");

        final String sql;

        Op(String sql) {
            this.sql = sql;
        }
    }

    private static final Map<String, Column> COLUMNS = new HashMap<>();
    private static final Map<String, Op> OPS = Map.ofEntries(
            Map.entry("=", Op.EQ),
            Map.entry("eq", Op.EQ),
            Map.entry("!=", Op.NEQ),
            Map.entry("neq", Op.NEQ),
            Map.entry(">", Op.GT),
            Map.entry("gt", Op.GT),
            Map.entry(">=", Op.GTE),
            Map.entry("gte", Op.GTE),
            Map.entry("<", Op.LT),
            Map.entry("lt", Op.LT),
            Map.entry("<=", Op.LTE),
            Map.entry("lte", Op.LTE),
            Map.entry("like", Op.LIKE));
    private static final Map<String, String> LOGIC = Map.of("and", "AND", "&", "AND", "or", "OR", "||", "OR");

    static {
        // API names in camelCase and the reference's snake_case; never password or deleted_at.
        column(Column.of("u.id", Kind.NUMBER), "id");
        column(Column.of("u.name", Kind.TEXT), "name");
        column(Column.of("u.nick_name", Kind.TEXT), "nickName", "nick_name");
        column(Column.of("u.email", Kind.TEXT), "email");
        column(Column.of("u.phone", Kind.TEXT), "phone");
        column(Column.of("u.gender", Kind.NUMBER), "gender");
        column(Column.of("u.age", Kind.NUMBER), "age");
        column(Column.of("u.status", Kind.NUMBER), "status");
        column(Column.of("u.role", Kind.ROLE), "role");
        column(
                new Column("COALESCE(u.login_at, " + UtcMicros.EPOCH + ")", "u.login_at", Kind.TIME),
                "loginAt",
                "login_at");
        column(Column.of("u.created_at", Kind.TIME), "createdAt", "created_at");
        column(Column.of("u.updated_at", Kind.TIME), "updatedAt", "updated_at");
    }

    private static void column(Column column, String... names) {
        for (String name : names) {
            COLUMNS.put(name, column);
        }
    }

    /** {@code where} is never empty (soft-deleted rows are always excluded); params are String or Long. */
    record Sql(String where, List<Object> params, String orderBy) {}

    private UserSearch() {}

    static Sql compile(UserQuery query) {
        String orderBy = orderBy(query.sort());
        List<UserQuery.Column> columns = query.columns();
        if (columns.size() > MAX_COLUMNS) {
            throw DomainException.invalidField("params.columns", "at most " + MAX_COLUMNS + " columns");
        }
        List<Object> params = new ArrayList<>();
        String filter = null;
        String pendingLogic = null;
        for (int i = 0; i < columns.size(); i++) {
            String condition = condition(columns.get(i), "params.columns[" + i + "]", params);
            // parenthesizing the expression so far makes SQL evaluate left to right
            filter = filter == null ? condition : "(" + filter + " " + pendingLogic + " " + condition + ")";
            pendingLogic = logic(columns.get(i).logic(), "params.columns[" + i + "].logic");
        }
        // the filter as one group: an OR in it must not reach past deleted_at
        String where = "u.deleted_at IS NULL" + (filter == null ? "" : " AND (" + filter + ")");
        return new Sql(where, List.copyOf(params), orderBy);
    }

    private static String orderBy(String sort) {
        String spec = sort == null || sort.isBlank() ? DEFAULT_SORT : sort;
        List<String> keys = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        String lastDirection = "DESC";
        for (String raw : spec.split(",", -1)) {
            String item = raw.trim();
            boolean descending = item.startsWith("-");
            String name = descending || item.startsWith("+") ? item.substring(1) : item;
            Column column = COLUMNS.get(name);
            if (column == null) {
                throw DomainException.invalidField(
                        "params.sort",
                        "cannot sort by '" + abbreviate(item)
                                + "'; use one of " + String.join(", ", new TreeSet<>(COLUMNS.keySet()))
                                + ", with '-' for descending");
            }
            lastDirection = descending ? "DESC" : "ASC";
            if (used.add(column.sort())) {
                keys.add(column.sort() + " " + lastDirection);
            }
        }
        if (!used.contains("u.id")) {
            // a total order, so that pages neither repeat nor skip rows with equal sort values
            keys.add("u.id " + lastDirection);
        }
        return String.join(", ", keys);
    }

    private static String condition(UserQuery.Column c, String field, List<Object> params) {
        Column column = c.name() == null ? null : COLUMNS.get(c.name());
        if (column == null) {
            throw DomainException.invalidField(field + ".name", "cannot filter by '" + abbreviate(c.name()) + "'");
        }
        Op op = c.exp() == null || c.exp().isBlank()
                ? Op.EQ
                : OPS.get(c.exp().trim().toLowerCase(Locale.ROOT));
        if (op == null) {
            throw DomainException.invalidField(
                    field + ".exp",
                    "unknown operator '" + abbreviate(c.exp())
                            + "'; use =, !=, >, >=, <, <=, like or eq, neq, gt, gte, lt, lte");
        }
        String value = c.value();
        if (value == null) {
            throw DomainException.invalidField(field + ".value", "must not be null");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw DomainException.invalidField(field + ".value", "at most " + MAX_VALUE_LENGTH + " characters");
        }
        if (op == Op.LIKE && column.kind() != Kind.TEXT) {
            throw DomainException.invalidField(field + ".exp", "like applies to text columns only");
        }
        return switch (column.kind()) {
            case TEXT -> {
                if (op == Op.LIKE) {
                    params.add("%" + escapeLike(value) + "%");
                    yield column.filter() + " LIKE ? ESCAPE '" + LIKE_ESCAPE + "'";
                }
                params.add(value);
                yield column.filter() + " " + op.sql + " ?";
            }
            case NUMBER -> {
                params.add(parseLong(value, field + ".value"));
                yield column.filter() + " " + op.sql + " ?";
            }
            case ROLE -> {
                params.add((long) parseRole(value, field + ".value").code());
                yield column.filter() + " " + op.sql + " ?";
            }
            case TIME -> timeCondition(column.filter(), op, parseSeconds(value, field + ".value"), params);
        };
    }

    /** Compares the column truncated to whole seconds with {@code t}, in a form that can use an index. */
    private static String timeCondition(String column, Op op, long t, List<Object> params) {
        String start = column + " >= " + SECONDS_TO_DATETIME;
        String before = column + " < " + SECONDS_TO_DATETIME;
        switch (op) {
            case EQ -> {
                params.add(t);
                params.add(t + 1);
                return "(" + start + " AND " + before + ")";
            }
            case NEQ -> {
                params.add(t);
                params.add(t + 1);
                return "(" + before + " OR " + start + ")";
            }
            case GT -> {
                params.add(t + 1);
                return start;
            }
            case GTE -> {
                params.add(t);
                return start;
            }
            case LT -> {
                params.add(t);
                return before;
            }
            case LTE -> {
                params.add(t + 1);
                return before;
            }
            default -> throw new IllegalStateException("unreachable: " + op);
        }
    }

    private static String logic(String logic, String field) {
        if (logic == null || logic.isBlank()) {
            return "AND";
        }
        String sql = LOGIC.get(logic.trim().toLowerCase(Locale.ROOT));
        if (sql == null) {
            throw DomainException.invalidField(field, "unknown logic '" + abbreviate(logic) + "'; use and, or, &, ||");
        }
        return sql;
    }

    static String escapeLike(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (char ch : value.toCharArray()) {
            if (ch == LIKE_ESCAPE || ch == '%' || ch == '_') {
                escaped.append(LIKE_ESCAPE);
            }
            escaped.append(ch);
        }
        return escaped.toString();
    }

    private static long parseLong(String value, String field) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw DomainException.invalidField(field, "must be an integer");
        }
    }

    private static long parseSeconds(String value, String field) {
        long seconds;
        try {
            seconds = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw DomainException.invalidField(field, "must be a time in Unix seconds");
        }
        if (seconds < 0 || seconds > MAX_UNIX_SECONDS) {
            throw DomainException.invalidField(field, "must be between 0 and " + MAX_UNIX_SECONDS);
        }
        return seconds;
    }

    /** The numeric code or the name, as the API shows roles. */
    private static Role parseRole(String value, String field) {
        String v = value.trim();
        for (Role role : Role.values()) {
            if (role.name().equalsIgnoreCase(v) || String.valueOf(role.code()).equals(v)) {
                return role;
            }
        }
        throw DomainException.invalidField(field, "unknown role");
    }

    /** Echoing client input into an error message: keep it short. */
    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
