package io.community.relation;

import io.community.common.migration.MigrationSet;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Registers the relation context's schema (sql/relation, packaged as db/relation) with the ContextMigrator. */
@Factory
public class RelationMigrationFactory {

    @Singleton
    MigrationSet relationMigrations() {
        return new MigrationSet("relation", "classpath:db/relation");
    }
}
