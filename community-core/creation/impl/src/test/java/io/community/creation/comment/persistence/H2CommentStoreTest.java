package io.community.creation.comment.persistence;

import java.util.Map;

/** The comment store and use cases on the embedded default, H2 in MySQL mode, with the same migrations. */
class H2CommentStoreTest extends CommentStoreContract {

    @Override
    protected Map<String, Object> properties() {
        return Map.of(
                "datasources.default.url",
                "jdbc:h2:mem:commenttest;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "datasources.default.username",
                "sa",
                "datasources.default.password",
                "");
    }
}
