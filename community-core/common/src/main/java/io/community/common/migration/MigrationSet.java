package io.community.common.migration;

/**
 * One bounded context's Flyway migrations. Each context keeps its own history table, so the
 * monolith can apply all of them to one database and a service only its own to its database.
 *
 * @param context  the context name; the history table is {@code flyway_history_<context>}
 * @param location a Flyway location, e.g. {@code classpath:db/user}
 */
public record MigrationSet(String context, String location) {}
