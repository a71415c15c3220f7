package io.community.creation;

import io.community.common.migration.MigrationSet;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The creation context's schema: sql/creation, packaged as classpath db/creation. */
@Factory
public class CreationMigrationFactory {

    @Singleton
    MigrationSet creationMigrations() {
        return new MigrationSet("creation", "classpath:db/creation");
    }
}
