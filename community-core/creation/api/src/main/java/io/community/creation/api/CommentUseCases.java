package io.community.creation.api;

import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** Comments and one level of replies. {@code clientIp} comes from the connection, never the body. */
public interface CommentUseCases {

    Comment create(Actor actor, long postId, @Nullable String content, @Nullable String deviceType, String clientIp);

    /** Replies to a top-level comment only (20210 otherwise). */
    Comment reply(Actor actor, long commentId, @Nullable String content, @Nullable String deviceType, String clientIp);

    /** Its replies go with it; the post's and the parent's counters drop accordingly. A null flag is a 400. */
    void delete(Actor actor, long id, @Nullable DelFlag flag);

    /** Owner only; missing or blank content is a 400. */
    void update(Actor actor, long id, @Nullable String content);

    Comment get(long id);

    List<Comment> getByIds(List<Long> ids);

    /** Top-level comments of a post, newest first. */
    Page<Comment> latest(long postId, PageRequest page);

    /** Top-level comments of a post, by score. */
    Page<Comment> hot(long postId, PageRequest page);

    /** Replies to a comment, oldest first. */
    Page<Comment> replies(long commentId, PageRequest page);
}
