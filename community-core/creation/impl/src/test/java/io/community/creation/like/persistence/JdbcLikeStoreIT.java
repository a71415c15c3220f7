package io.community.creation.like.persistence;

import io.community.common.testing.TestServices;

import java.util.Map;

/** The like store and use cases on MariaDB, a fresh database per run. */
class JdbcLikeStoreIT extends LikeStoreContract {

    @Override
    protected Map<String, Object> properties() {
        return TestServices.mariaDbProperties("community_test_creation_like");
    }
}
