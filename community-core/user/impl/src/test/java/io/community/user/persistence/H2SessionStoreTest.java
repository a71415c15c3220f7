package io.community.user.persistence;

import java.util.Map;

/** {@link JdbcSessionStore} on the embedded default: H2 in MySQL mode, the same migration. */
class H2SessionStoreTest extends SessionStoreContract {

    @Override
    protected Map<String, Object> database() {
        return Map.of(
                "datasources.default.url",
                        "jdbc:h2:mem:sessiontest;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "datasources.default.username", "sa",
                "datasources.default.password", "");
    }
}
