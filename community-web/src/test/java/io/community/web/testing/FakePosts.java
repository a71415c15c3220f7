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

/** In-memory creation context for adapter tests: records the last draft and paging it was given. */
@Singleton
public class FakePosts implements PostUseCases {
    private volatile PostDraft lastDraft;
    private volatile PageRequest lastPage;

    public PostDraft lastDraft() {
        return lastDraft;
    }

    public PageRequest lastPage() {
        return lastPage;
    }

    @Override
    public Post create(Actor actor, PostDraft draft) {
        lastDraft = draft;
        Instant now = Instant.now();
        return new Post(7, PostType.TEXT, actor.userId(), draft.title(), "{\"text\":\"\"}", 0, 0, 0, 0, 0,
                DelFlag.NONE, 1, 0, 0, "", now, now);
    }

    @Override
    public void update(Actor actor, long id, PostDraft draft) {
        lastDraft = draft;
    }

    @Override
    public void delete(Actor actor, long id, @Nullable DelFlag flag) {
    }

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
        return paged(page);
    }

    @Override
    public void view(long id) {
    }

    @Override
    public void share(long id) {
    }

    private Page<Post> paged(PageRequest page) {
        lastPage = page;
        return new Page<>(List.of(), 0);
    }
}
