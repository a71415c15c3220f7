package io.community.creation.post.persistence;

import java.util.Map;

/** The post store on the embedded default, H2 in MySQL mode, with the same migrations. */
class H2PostStoreTest extends PostStoreContract {

    @Override
    Map<String, Object> properties() {
        return Map.of(
                "datasources.default.url",
                "jdbc:h2:mem:posttest;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "datasources.default.username",
                "sa",
                "datasources.default.password",
                "");
    }
}
