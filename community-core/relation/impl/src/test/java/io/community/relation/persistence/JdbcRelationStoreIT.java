package io.community.relation.persistence;

import io.community.common.testing.TestServices;

import java.util.Map;

/** {@link RelationStoreContract} on a real MariaDB (a fresh database per run). */
class JdbcRelationStoreIT extends RelationStoreContract {

    @Override
    Map<String, Object> properties() {
        return TestServices.mariaDbProperties("community_test_relation_store");
    }
}
