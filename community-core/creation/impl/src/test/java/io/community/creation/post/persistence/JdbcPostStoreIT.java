package io.community.creation.post.persistence;

import io.community.common.testing.TestServices;

import java.util.Map;

/** The post store on MariaDB, a fresh database per run. */
class JdbcPostStoreIT extends PostStoreContract {

    @Override
    Map<String, Object> properties() {
        return TestServices.mariaDbProperties("community_test_creation_post");
    }
}
