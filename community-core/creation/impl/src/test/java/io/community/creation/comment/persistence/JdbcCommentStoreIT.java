package io.community.creation.comment.persistence;

import io.community.common.testing.TestServices;

import java.util.Map;

/** The comment store and use cases on MariaDB, a fresh database per run. */
class JdbcCommentStoreIT extends CommentStoreContract {

    @Override
    protected Map<String, Object> properties() {
        return TestServices.mariaDbProperties("community_test_creation_comment");
    }
}
