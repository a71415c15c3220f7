package io.community.creation.collect.persistence;

import java.util.Map;

/** Collects on the embedded default, H2 in MySQL mode. */
class H2CollectStoreTest extends CollectStoreContract {

    @Override
    Map<String, Object> properties() {
        return Map.of(
                "datasources.default.url",
                "jdbc:h2:mem:collecttest;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "datasources.default.username",
                "sa",
                "datasources.default.password",
                "");
    }
}
