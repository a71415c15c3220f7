package io.community.web.compose;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.Post;
import io.community.creation.api.PostUseCases;
import io.community.relation.api.RelationUseCases;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The following feed, composed once against the relation and creation use cases (in-process in
 * the monolith, gRPC in the cluster). Fan-out on read: the followed ids, then one query for
 * their newest posts; no feed rows to keep in sync when posts or follows change.
 */
@Singleton
public class Feed {
    /** The feed covers the most recently followed users up to this many, bounding the IN list. */
    static final int MAX_FOLLOWED = 2000;

    private final RelationUseCases relations;
    private final PostUseCases posts;

    public Feed(RelationUseCases relations, PostUseCases posts) {
        this.relations = relations;
        this.posts = posts;
    }

    public Page<Post> of(long userId, PageRequest page) {
        List<Long> followed = relations.followingIds(userId, MAX_FOLLOWED);
        if (followed.isEmpty()) {
            return new Page<>(List.of(), 0);
        }
        return posts.listByUsers(followed, page);
    }
}
