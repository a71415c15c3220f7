package io.community.tools.migrate;

import org.flywaydb.core.Flyway;

/** Creates a context's schema in an empty target exactly as its service would on first start. */
final class Schemas {
    private Schemas() {}

    /** Same settings as the applications' ContextMigrator, up to the given version only. */
    static void migrate(Database target, BoundedContext context, String version) {
        Flyway.configure()
                .dataSource(target.url(), target.user(), target.password())
                .locations(context.location())
                .table(context.historyTable())
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .target(version)
                .load()
                .migrate();
    }
}
