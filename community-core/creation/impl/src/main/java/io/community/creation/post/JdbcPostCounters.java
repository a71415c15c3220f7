package io.community.creation.post;

import io.community.creation.PostCounters;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * {@link PostCounters} over the post store. {@link #add} joins the caller's transaction (or opens
 * one), so the counter, the hot score and the caller's own row (comment, like, collect) commit
 * together.
 */
@Singleton
public class JdbcPostCounters implements PostCounters {
    private final PostStore posts;

    public JdbcPostCounters(PostStore posts) {
        this.posts = posts;
    }

    @Override
    public Optional<PostRef> findLive(long postId) {
        return posts.liveOwner(postId).map(owner -> new PostRef(postId, owner));
    }

    /**
     * Applies to deleted posts too: a like or collect removed after its post was deleted still
     * takes its count back, so the numbers stay true. Callers check liveness where it matters.
     */
    @Override
    @Transactional
    public void add(long postId, Counter counter, long delta) {
        if (delta != 0) {
            posts.addCounter(postId, counter, delta, false);
        }
    }
}
