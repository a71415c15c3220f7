package io.community.common.migration;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.Comparator;
import java.util.List;

/**
 * Migrates every registered context as soon as the data source exists, before any repository
 * can use it. Runs one Flyway per context with its own history table; baselineOnMigrate lets a
 * context start in a schema that another context already populated.
 */
@Singleton
public class ContextMigrator implements BeanCreatedEventListener<DataSource> {
    private static final Logger LOG = LoggerFactory.getLogger(ContextMigrator.class);

    private final List<MigrationSet> sets;

    public ContextMigrator(List<MigrationSet> sets) {
        this.sets = sets.stream()
                .sorted(Comparator.comparing(MigrationSet::context))
                .toList();
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        // Flyway must use the pool itself: through Micronaut Data's contextual proxy (when that
        // listener ran first) getConnection() needs ConnectionOperations, which needs this very
        // DataSource, so a new pool is created and migrated, recursively, until the DB refuses.
        DataSource dataSource = DelegatingDataSource.unwrapDataSource(event.getBean());
        for (MigrationSet set : sets) {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(set.location())
                    .table("flyway_history_" + set.context())
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            // targetSchemaVersion is only set when something was applied
            if (result.migrationsExecuted > 0) {
                LOG.info(
                        "Schema of context '{}' migrated to version {} ({} migrations applied)",
                        set.context(),
                        result.targetSchemaVersion,
                        result.migrationsExecuted);
            } else {
                LOG.info("Schema of context '{}' is up to date", set.context());
            }
        }
        return event.getBean();
    }
}
