package io.community.user.persistence;

import io.community.common.testing.TestServices;

import java.util.Map;

/** {@link JdbcSessionStore} on MariaDB (a fresh database per run). */
class MariaDbSessionStoreIT extends SessionStoreContract {

    @Override
    protected Map<String, Object> database() {
        return TestServices.mariaDbProperties("community_test_user_session");
    }
}
