package io.community.creation.like.persistence;

import java.util.Map;

/** The like store and use cases on the embedded default, H2 in MySQL mode, with the same migrations. */
class H2LikeStoreTest extends LikeStoreContract {

    @Override
    protected Map<String, Object> properties() {
        return Map.of(
                "datasources.default.url",
                "jdbc:h2:mem:liketest;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "datasources.default.username",
                "sa",
                "datasources.default.password",
                "");
    }
}
