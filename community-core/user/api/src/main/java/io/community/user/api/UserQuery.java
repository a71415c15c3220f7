package io.community.user.api;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The admin list's query, in the reference's shape: page, limit, sort ({@code "-createdAt"} for
 * descending) and filter columns. Column names and operators are checked against allow-lists
 * by the user context; values are always bound as SQL parameters.
 */
public record UserQuery(int page, int limit, @Nullable String sort, List<Column> columns) {

    public UserQuery {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    /**
     * One filter. {@code exp}: {@code =, !=, >, >=, <, <=, like} (also {@code eq, neq, gt, gte, lt,
     * lte}); {@code logic}: how this filter joins the next one, {@code and} (default) or {@code or}.
     */
    public record Column(
            String name,
            @Nullable String exp,
            @Nullable String value,
            @Nullable String logic) {}
}
