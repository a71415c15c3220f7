package io.community.conformance;

import io.community.common.testing.TestServices;

/**
 * The MariaDB server and Redis a deployment runs on: the machine's shared ones (every test but the
 * fault-injection suite), or private processes a test may stop, kill and restart.
 */
interface Backing {

    /** A JDBC URL of an empty database with that name. */
    String freshDatabaseUrl(String name);

    String databaseUser();

    String databasePassword();

    String redisUri();

    /** The machine's MariaDB and Redis; never stopped by a test. */
    static Backing shared() {
        return new Backing() {
            @Override
            public String freshDatabaseUrl(String name) {
                return TestServices.freshMariaDbUrl(name);
            }

            @Override
            public String databaseUser() {
                return TestServices.mariaDbUser();
            }

            @Override
            public String databasePassword() {
                return TestServices.mariaDbPassword();
            }

            @Override
            public String redisUri() {
                return TestServices.redisUri();
            }
        };
    }
}
