package io.community.creation.collect.persistence;

import io.community.common.testing.TestServices;

import java.util.Map;

/** Collects on MariaDB, a fresh database per run. */
class JdbcCollectStoreIT extends CollectStoreContract {

    @Override
    Map<String, Object> properties() {
        return TestServices.mariaDbProperties("community_test_creation_collect");
    }
}
