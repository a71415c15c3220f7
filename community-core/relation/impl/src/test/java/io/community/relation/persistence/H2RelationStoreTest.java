package io.community.relation.persistence;

import java.util.Map;

/** {@link RelationStoreContract} on the embedded default: H2 in MySQL mode, same migration, same SQL. */
class H2RelationStoreTest extends RelationStoreContract {

    @Override
    Map<String, Object> properties() {
        return Map.of(
                "datasources.default.url",
                "jdbc:h2:mem:relationtest;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "datasources.default.username",
                "sa",
                "datasources.default.password",
                "");
    }
}
