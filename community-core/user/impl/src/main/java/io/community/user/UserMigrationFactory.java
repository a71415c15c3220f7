package io.community.user;

import io.community.common.migration.MigrationSet;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Registers the user context's schema (sql/user, packaged as db/user) with the ContextMigrator. */
@Factory
public class UserMigrationFactory {

    @Singleton
    MigrationSet userMigrations() {
        return new MigrationSet("user", "classpath:db/user");
    }
}
