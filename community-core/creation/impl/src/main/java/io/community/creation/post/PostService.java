package io.community.creation.post;

import io.community.common.error.DomainException;
import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.PostCounters.Counter;
import io.community.creation.api.DelFlag;
import io.community.creation.api.Post;
import io.community.creation.api.PostDraft;
import io.community.creation.api.PostUseCases;
import io.community.creation.post.PostStore.NewPost;
import io.community.creation.post.PostStore.PostContent;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The post use cases. Deleted posts (del_flag 1 or 2) are gone for every read: get answers 404,
 * batch reads skip them, lists leave them out. Transactions live here; storage is behind
 * {@link PostStore}.
 */
@Singleton
public class PostService implements PostUseCases {
    static final int IDS_MAX = 100;

    private final PostStore posts;
    private final PostDrafts drafts;
    private final Clock clock;

    public PostService(PostStore posts, ObjectMapper json, Clock clock) {
        this.posts = posts;
        this.drafts = new PostDrafts(json);
        this.clock = clock;
    }

    @Override
    @Transactional
    public Post create(Actor actor, PostDraft draft) {
        PostContent c = drafts.validate(draft);
        Instant now = now();
        long id = posts.insert(new NewPost(actor.userId(), c, now));
        return new Post(
                id,
                c.type(),
                actor.userId(),
                c.title(),
                c.content(),
                0,
                0,
                0,
                0,
                0,
                DelFlag.NONE,
                1,
                c.longitude(),
                c.latitude(),
                c.position(),
                now,
                now);
    }

    @Override
    @Transactional
    public void update(Actor actor, long id, PostDraft draft) {
        PostContent c = drafts.validate(draft);
        Post post = posts.findLive(id).orElseThrow(() -> DomainException.notFound("post"));
        if (!actor.is(post.userId())) {
            throw DomainException.forbidden("only the author may edit a post");
        }
        if (!posts.update(id, c, now())) {
            throw DomainException.notFound("post");
        }
    }

    @Override
    @Transactional
    public void delete(Actor actor, long id, DelFlag flag) {
        if (flag == null || flag == DelFlag.NONE) {
            throw DomainException.invalidField("delFlag", "must be 1 (by the owner) or 2 (by an admin)");
        }
        if (flag == DelFlag.BY_ADMIN) {
            actor.requireAdmin();
        }
        Post post = posts.findLive(id).orElseThrow(() -> DomainException.notFound("post"));
        if (flag == DelFlag.BY_OWNER && !actor.is(post.userId())) {
            throw DomainException.forbidden("only the author may delete a post with delFlag 1");
        }
        if (!posts.softDelete(id, flag, now())) {
            throw DomainException.notFound("post");
        }
    }

    @Override
    public Post get(long id) {
        return posts.findLive(id).orElseThrow(() -> DomainException.notFound("post"));
    }

    @Override
    public List<Post> getByIds(List<Long> ids) {
        if (ids == null || ids.isEmpty() || ids.size() > IDS_MAX) {
            throw DomainException.invalidField("ids", "must hold 1 to " + IDS_MAX + " ids");
        }
        if (ids.stream().anyMatch(Objects::isNull)) {
            throw DomainException.invalidField("ids", "must not hold null");
        }
        LinkedHashSet<Long> wanted = new LinkedHashSet<>(ids);
        Map<Long, Post> found =
                posts.findLive(wanted).stream().collect(Collectors.toMap(Post::id, Function.identity()));
        return wanted.stream().filter(found::containsKey).map(found::get).toList();
    }

    @Override
    public Page<Post> listByUser(long userId, PageRequest page) {
        return posts.byUsers(List.of(userId), page);
    }

    @Override
    public Page<Post> latest(PageRequest page) {
        return posts.latest(page);
    }

    @Override
    public Page<Post> hot(PageRequest page) {
        return posts.hot(page);
    }

    @Override
    public Page<Post> listByUsers(Collection<Long> userIds, PageRequest page) {
        if (userIds == null || userIds.isEmpty()) {
            return new Page<>(List.of(), 0);
        }
        return posts.byUsers(userIds, page);
    }

    @Override
    @Transactional
    public void view(long id) {
        count(id, Counter.VIEW);
    }

    @Override
    @Transactional
    public void share(long id) {
        count(id, Counter.SHARE);
    }

    private void count(long id, Counter counter) {
        if (!posts.addCounter(id, counter, 1, true)) {
            throw DomainException.notFound("post");
        }
    }

    private Instant now() {
        // the database keeps microseconds; truncating here makes what we return equal what we store
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
