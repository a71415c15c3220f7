package io.community.creation.api;

import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.micronaut.core.annotation.Nullable;

import java.util.Collection;
import java.util.List;

/**
 * Posts, always by the actor (the HTTP requests' optional {@code userId} compatibility field is checked
 * by the HTTP adapter). Reads never return deleted posts (404 / skipped).
 */
public interface PostUseCases {

    Post create(Actor actor, PostDraft draft);

    /** Owner only; the post type follows the new content. */
    void update(Actor actor, long id, PostDraft draft);

    /** {@code BY_OWNER} by the owner, {@code BY_ADMIN} by an admin; anything else 403/400. */
    void delete(Actor actor, long id, @Nullable DelFlag flag);

    Post get(long id);

    /** In input order; missing and deleted posts are skipped. */
    List<Post> getByIds(List<Long> ids);

    /** Newest first. */
    Page<Post> listByUser(long userId, PageRequest page);

    /** Newest first. */
    Page<Post> latest(PageRequest page);

    /** By hot score, see the creation README for the formula. */
    Page<Post> hot(PageRequest page);

    /** Posts of any of these authors, newest first: the following feed. */
    Page<Post> listByUsers(Collection<Long> userIds, PageRequest page);

    void view(long id);

    void share(long id);
}
