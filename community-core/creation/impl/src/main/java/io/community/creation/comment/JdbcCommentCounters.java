package io.community.creation.comment;

import io.community.creation.CommentCounters;
import io.community.creation.PostCounters;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * {@link CommentCounters} over the comment store, for likes. {@link #addLikes} joins the caller's
 * transaction (or opens one), so the counter, the score and the like row commit together.
 */
@Singleton
public class JdbcCommentCounters implements CommentCounters {
    private final CommentStore comments;
    private final LiveComments live;

    public JdbcCommentCounters(CommentStore comments, PostCounters posts) {
        this.comments = comments;
        this.live = new LiveComments(comments, posts);
    }

    @Override
    public Optional<CommentRef> findLive(long commentId) {
        return live.find(commentId).map(c -> new CommentRef(c.id(), c.postId(), c.userId(), c.parentId()));
    }

    /** Applies whether or not the comment is live; callers check liveness where it matters. */
    @Override
    @Transactional
    public void addLikes(long commentId, long delta) {
        if (delta != 0) {
            comments.addLikes(commentId, delta);
        }
    }
}
