package io.community.web.testing;

import io.community.common.error.DomainException;
import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.DelFlag;
import io.community.creation.api.Post;
import io.community.creation.api.PostDraft;
import io.community.creation.api.PostType;
import io.community.creation.api.PostUseCases;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * In-memory creation context for adapter tests: records the last draft, paging and authors it was
 * given; every list answers with the posts {@link #listing} set.
 */
@Singleton
public class FakePosts implements PostUseCases {
    private volatile PostDraft lastDraft;
    private volatile PageRequest lastPage;
    private volatile Collection<Long> lastAuthors;
    private volatile List<Post> listed = List.of();

    /** What every list answers from now on (total: their number). */
    public void listing(List<Post> posts) {
        listed = posts;
    }

    public Collection<Long> lastAuthors() {
        return lastAuthors;
    }

    public void reset() {
        lastDraft = null;
        lastPage = null;
        lastAuthors = null;
        listed = List.of();
    }

    public PostDraft lastDraft() {
        return lastDraft;
    }

    public PageRequest lastPage() {
        return lastPage;
    }

    @Override
    public Post create(Actor actor, PostDraft draft) {
        lastDraft = draft;
        return post(7, actor.userId(), draft.title());
    }

    /** A live text post, created 2026-01-01T00:00:00Z. */
    public static Post post(long id, long userId, String title) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new Post(
                id, PostType.TEXT, userId, title, "{\"text\":\"\"}", 0, 0, 0, 0, 0, DelFlag.NONE, 1, 0, 0, "", t, t);
    }

    @Override
    public void update(Actor actor, long id, PostDraft draft) {
        lastDraft = draft;
    }

    @Override
    public void delete(Actor actor, long id, @Nullable DelFlag flag) {}

    @Override
    public Post get(long id) {
        throw DomainException.notFound("post");
    }

    @Override
    public List<Post> getByIds(List<Long> ids) {
        return List.of();
    }

    @Override
    public Page<Post> listByUser(long userId, PageRequest page) {
        return paged(page);
    }

    @Override
    public Page<Post> latest(PageRequest page) {
        return paged(page);
    }

    @Override
    public Page<Post> hot(PageRequest page) {
        return paged(page);
    }

    @Override
    public Page<Post> listByUsers(Collection<Long> userIds, PageRequest page) {
        lastAuthors = List.copyOf(userIds);
        return paged(page);
    }

    @Override
    public void view(long id) {}

    @Override
    public void share(long id) {}

    private Page<Post> paged(PageRequest page) {
        lastPage = page;
        return new Page<>(listed, listed.size());
    }
}
