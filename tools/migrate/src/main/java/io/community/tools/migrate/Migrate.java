package io.community.tools.migrate;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code java -jar migrate.jar split|verify ...}: moves a monolith's data into the cluster's
 * per-context databases and checks the copy. Exit status: 0 done (verify: identical), 1 verify
 * found a difference, 2 bad arguments or refused (schema versions differ, a database unreachable),
 * 3 split stopped by {@code --max-rows} before it was complete (run it again to resume).
 */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        version = "community migrate 0.1",
        subcommands = {Migrate.Split.class, Migrate.Verify.class},
        description =
                "Splits a monolith database into the user, relation and creation databases, and verifies the copy.")
public final class Migrate implements Callable<Integer> {
    static final int DIFFERENT = 1;
    static final int REFUSED = 2;
    static final int STOPPED = 3;

    /** Flyway's own INFO lines would bury the tool's; its warnings and errors still show. */
    private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");

    public static void main(String[] args) {
        FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(run(System.out, args));
    }

    static int run(PrintStream out, String... args) {
        CommandLine cli = new CommandLine(new Migrate());
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            out.println("migrate: refused: " + e.getMessage());
            return REFUSED;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return REFUSED;
    }

    /** Where the data is and where it goes; passwords may come from the environment instead of the command line. */
    static final class Databases {
        @Option(names = "--source-url", required = true, description = "JDBC URL of the monolith's database")
        String sourceUrl;

        @Option(names = "--source-user", defaultValue = "${env:MIGRATE_SOURCE_USER:-root}")
        String sourceUser;

        @Option(
                names = "--source-password",
                defaultValue = "${env:MIGRATE_SOURCE_PASSWORD:-}",
                description = "default: $MIGRATE_SOURCE_PASSWORD")
        String sourcePassword;

        @Option(names = "--user-url", description = "JDBC URL of the user service's database")
        String userUrl;

        @Option(names = "--relation-url", description = "JDBC URL of the relation service's database")
        String relationUrl;

        @Option(names = "--creation-url", description = "JDBC URL of the creation service's database")
        String creationUrl;

        @Option(names = "--target-user", defaultValue = "${env:MIGRATE_TARGET_USER:-root}")
        String targetUser;

        @Option(
                names = "--target-password",
                defaultValue = "${env:MIGRATE_TARGET_PASSWORD:-}",
                description = "default: $MIGRATE_TARGET_PASSWORD")
        String targetPassword;

        @Option(names = "--context", split = ",", description = "user, relation and/or creation (default: all three)")
        List<String> contexts;

        Database source() {
            return new Database("source", sourceUrl, sourceUser, sourcePassword);
        }

        /** The contexts asked for, each with its target; a context without a target URL is an error. */
        List<Target> targets() {
            List<String> names = contexts == null || contexts.isEmpty() ? BoundedContext.NAMES : contexts;
            List<Target> out = new ArrayList<>();
            for (String name : names) {
                String url = switch (name) {
                    case "user" -> userUrl;
                    case "relation" -> relationUrl;
                    case "creation" -> creationUrl;
                    default ->
                        throw new IllegalArgumentException(
                                "unknown context '" + name + "': user, relation or creation");
                };
                if (url == null || url.isBlank()) {
                    throw new IllegalArgumentException("--" + name + "-url is required for the " + name + " context");
                }
                out.add(new Target(BoundedContext.load(name), new Database(name, url, targetUser, targetPassword)));
            }
            return out;
        }
    }

    record Target(BoundedContext context, Database database) {}

    /** Both databases at the same schema version of a context, or a refusal. The target's schema is created when it has none. */
    static void requireSameVersion(
            Connection source, Connection target, Target t, boolean createIfMissing, PrintStream out)
            throws SQLException {
        BoundedContext context = t.context();
        SchemaVersion sourceVersion = SchemaVersion.read(source, context)
                .orElseThrow(() -> new IllegalStateException(
                        "the source has no " + context.historyTable() + ": not a database of this application"));
        Optional<SchemaVersion> targetVersion = SchemaVersion.read(target, context);
        if (targetVersion.isEmpty() && createIfMissing) {
            for (String table : context.tables()) {
                if (Database.tableExists(target, table)) {
                    throw new IllegalStateException("the " + context.name() + " target has table " + table + " but no "
                            + context.historyTable() + "; refusing to touch it");
                }
            }
            out.printf(
                    "split: %s: creating the schema in %s at the source's %s%n",
                    context.name(), t.database().redacted(), sourceVersion);
            Schemas.migrate(t.database(), context, sourceVersion.latest());
            targetVersion = SchemaVersion.read(target, context);
        }
        if (targetVersion.isEmpty()) {
            throw new IllegalStateException("the " + context.name() + " target has no " + context.historyTable()
                    + " (no schema yet; split creates it)");
        }
        if (!targetVersion.get().equals(sourceVersion)) {
            throw new IllegalStateException("schema versions differ for " + context.name() + ": source "
                    + sourceVersion + ", target " + targetVersion.get()
                    + "; migrate both to the same version (start the service or the monolith of one release) first");
        }
    }

    @Command(
            name = "split",
            mixinStandardHelpOptions = true,
            description = "Copies the contexts' tables from the monolith's database into the services' databases."
                    + " Idempotent; resumes where an interrupted run stopped.")
    static final class Split implements Callable<Integer> {
        @Mixin
        Databases databases;

        @Option(names = "--batch-size", defaultValue = "1000", description = "rows per transaction (default 1000)")
        int batchSize;

        @Option(names = "--dry-run", description = "say what would be copied, change nothing")
        boolean dryRun;

        @Option(
                names = "--from-start",
                description = "upsert every row again instead of resuming after the target's last key")
        boolean fromStart;

        @Option(
                names = "--max-rows",
                defaultValue = "0",
                description = "stop after this many rows in all (exit 3; run again to resume). 0: no limit")
        long maxRows;

        @Override
        public Integer call() throws SQLException {
            if (batchSize < 1) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--batch-size must be at least 1");
            }
            PrintStream out = System.out;
            List<Target> targets = databases.targets();
            TableCopy.Budget budget = new TableCopy.Budget(maxRows);
            long copied = 0;
            try (Connection source = databases.source().connect()) {
                checkVersionsFirst(source, targets, true);
                for (Target t : targets) {
                    try (Connection target = t.database().connect()) {
                        if (dryRun && SchemaVersion.read(target, t.context()).isEmpty()) {
                            dryRunIntoEmpty(source, t, out);
                            continue;
                        }
                        requireSameVersion(source, target, t, !dryRun, out);
                        for (String table : t.context().tables()) {
                            if (budget.exhausted()) {
                                out.printf("split: stopped after %d rows (--max-rows); run again to resume%n", maxRows);
                                return STOPPED;
                            }
                            List<String> columns = sameColumns(source, target, table, t);
                            List<String> key = Database.primaryKey(target, table);
                            copied += new TableCopy(table, columns, key, batchSize, out)
                                    .run(source, target, t.context().name() + "." + table, fromStart, dryRun, budget);
                        }
                    }
                }
            }
            if (budget.exhausted() && maxRows > 0) {
                out.printf("split: stopped after %d rows (--max-rows); run again to resume%n", maxRows);
                return STOPPED;
            }
            out.printf(dryRun ? "split: dry run, nothing changed%n" : "split: done, %d rows copied%n", copied);
            return 0;
        }

        /** A target without the context's schema: split would create it and copy every row. */
        private static void dryRunIntoEmpty(Connection source, Target t, PrintStream out) throws SQLException {
            SchemaVersion version = SchemaVersion.read(source, t.context())
                    .orElseThrow(() -> new IllegalStateException("the source has no "
                            + t.context().historyTable() + ": not a database of this application"));
            out.printf(
                    "split: %s: the target has no schema; would create it at the source's %s%n",
                    t.context().name(), version);
            for (String table : t.context().tables()) {
                if (!Database.tableExists(source, table)) {
                    throw new IllegalStateException("the source has no table " + table + " of the "
                            + t.context().name() + " context");
                }
                out.printf(
                        "split: %s.%s: %d rows in the source; would copy all%n",
                        t.context().name(), table, Database.count(source, table));
            }
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Compares row counts and order-independent checksums of every table of the contexts."
                    + " Exit 1 on any difference.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        Databases databases;

        @Override
        public Integer call() throws SQLException {
            PrintStream out = System.out;
            int differences = 0;
            List<Target> targets = databases.targets();
            try (Connection source = databases.source().connect()) {
                checkVersionsFirst(source, targets, false);
                for (Target t : targets) {
                    try (Connection target = t.database().connect()) {
                        requireSameVersion(source, target, t, false, out);
                        for (String table : t.context().tables()) {
                            List<String> columns = sameColumns(source, target, table, t);
                            TableChecksum s = TableChecksum.of(source, table, columns);
                            TableChecksum d = TableChecksum.of(target, table, columns);
                            boolean same = s.equals(d);
                            differences += same ? 0 : 1;
                            out.printf(
                                    "verify: %s.%s: %s (source %d rows, checksum %s; target %d rows, checksum %s)%n",
                                    t.context().name(),
                                    table,
                                    same ? "same" : "DIFFERENT",
                                    s.rows(),
                                    s.sum(),
                                    d.rows(),
                                    d.sum());
                        }
                    }
                }
            }
            out.println(
                    differences == 0
                            ? "verify: every table is the same"
                            : "verify: " + differences + " table(s) differ");
            return differences == 0 ? 0 : DIFFERENT;
        }
    }

    /** Refuses before anything is copied or compared if any target's schema version differs from the source's. */
    static void checkVersionsFirst(Connection source, List<Target> targets, boolean missingAllowed)
            throws SQLException {
        for (Target t : targets) {
            try (Connection target = t.database().connect()) {
                if (missingAllowed && SchemaVersion.read(target, t.context()).isEmpty()) {
                    continue; // split creates it
                }
                requireSameVersion(source, target, t, false, System.out);
            }
        }
    }

    /** The target's columns, which the source must have too (same names, any order). */
    static List<String> sameColumns(Connection source, Connection target, String table, Target t) throws SQLException {
        if (!Database.tableExists(source, table)) {
            throw new IllegalStateException("the source has no table " + table + " of the "
                    + t.context().name() + " context");
        }
        List<String> columns = Database.columns(target, table);
        List<String> sourceColumns = Database.columns(source, table);
        if (!new java.util.HashSet<>(columns).equals(new java.util.HashSet<>(sourceColumns))) {
            throw new IllegalStateException("table " + table + " has columns " + sourceColumns + " in the source but "
                    + columns + " in the target");
        }
        return columns;
    }
}
