package io.community.creation.collect.persistence;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.Collect;
import io.community.creation.api.CollectUseCases;
import io.community.creation.api.DelFlag;
import io.community.creation.api.PostType;
import io.community.creation.collect.CollectStore;
import io.community.creation.post.PostStore;
import io.community.creation.post.PostStore.NewPost;
import io.community.creation.post.PostStore.PostContent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JdbcCollectStore}, and the collect use cases on it with real transactions, on a real
 * database; subclasses say which. Every test uses its own users.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CollectStoreContract {
    private static final AtomicLong USERS = new AtomicLong(5_000);
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");

    ApplicationContext context;
    CollectStore store;
    CollectUseCases collects;
    PostStore posts;
    JdbcOperations jdbc;

    abstract Map<String, Object> properties();

    @BeforeAll
    void start() {
        context = ApplicationContext.run(properties(), "test");
        store = context.getBean(CollectStore.class);
        collects = context.getBean(CollectUseCases.class);
        posts = context.getBean(PostStore.class);
        jdbc = context.getBean(JdbcOperations.class);
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    static Actor newUser() {
        return new Actor(USERS.incrementAndGet(), Role.USER);
    }

    long post(Actor author) {
        return posts.insert(
                new NewPost(author.userId(), new PostContent(PostType.TEXT, "t", "{\"text\":\"x\"}", 0, 0, ""), T0));
    }

    @Test
    void addIsIdempotentAndRemoveBringsBackTheSameRow() {
        long user = newUser().userId();
        long post = post(newUser());

        assertThat(store.add(user, post, T0)).isTrue();
        assertThat(store.add(user, post, T0.plusSeconds(1))).isFalse();
        CollectStore.CollectRow row = only(user);
        assertThat(row.active()).isTrue();
        assertThat(row.postId()).isEqualTo(post);

        assertThat(store.remove(row.id(), T0.plusSeconds(2))).isTrue();
        assertThat(store.remove(row.id(), T0.plusSeconds(3))).isFalse();
        assertThat(store.find(row.id()).orElseThrow().active()).isFalse();
        assertThat(store.listActive(user, new PageRequest(0, 10)).total()).isZero();

        Instant again = T0.plusSeconds(4).plusNanos(5_000);
        assertThat(store.add(user, post, again)).isTrue();
        Page<Collect> page = store.listActive(user, new PageRequest(0, 10));
        assertThat(page.items()).containsExactly(new Collect(row.id(), user, post, again, again));
        assertThat(rawLong("SELECT COUNT(*) FROM user_collect WHERE user_id = " + user))
                .isEqualTo(1);
        assertThat(store.find(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void listIsNewestFirstAndSkipsDeletedPosts() {
        long user = newUser().userId();
        Actor author = newUser();
        long p1 = post(author);
        long p2 = post(author);
        long p3 = post(author);
        store.add(user, p1, T0);
        store.add(user, p2, T0.plusSeconds(1));
        store.add(user, p3, T0.plusSeconds(1)); // same time as p2: the higher id first
        store.add(newUser().userId(), p1, T0.plusSeconds(9));

        assertThat(postIds(store.listActive(user, new PageRequest(0, 10)))).containsExactly(p3, p2, p1);
        assertThat(postIds(store.listActive(user, new PageRequest(1, 2)))).containsExactly(p1);
        assertThat(store.listActive(user, new PageRequest(1, 2)).total()).isEqualTo(3);

        posts.softDelete(p2, DelFlag.BY_ADMIN, T0);

        Page<Collect> after = store.listActive(user, new PageRequest(0, 10));
        assertThat(postIds(after)).containsExactly(p3, p1);
        assertThat(after.total()).isEqualTo(2);
    }

    @Test
    void fiftyConcurrentIdenticalCollectsLeaveOneRowAndCountOnce() throws Exception {
        Actor user = newUser();
        long post = post(newUser());

        List<Throwable> failures = concurrently(50, () -> {
            collects.collect(user, post);
            return null;
        });

        assertThat(failures).isEmpty();
        assertThat(rawLong("SELECT COUNT(*) FROM user_collect WHERE user_id = " + user.userId()))
                .isEqualTo(1);
        assertThat(posts.findLive(post).orElseThrow().collectCount()).isEqualTo(1);

        long id = collects.list(user, user.userId(), new PageRequest(0, 1))
                .items()
                .get(0)
                .id();
        assertThat(concurrently(50, () -> {
                    collects.uncollect(user, id, post);
                    return null;
                }))
                .isEmpty();
        assertThat(posts.findLive(post).orElseThrow().collectCount()).isZero();

        assertThat(concurrently(50, () -> {
                    collects.collect(user, post);
                    return null;
                }))
                .isEmpty();
        assertThat(posts.findLive(post).orElseThrow().collectCount()).isEqualTo(1);
        assertThat(rawLong("SELECT COUNT(*) FROM user_collect WHERE user_id = " + user.userId()))
                .isEqualTo(1);
    }

    @Test
    void theServiceMovesTheCountOfTheCollectsOwnPost() {
        Actor user = newUser();
        Actor author = newUser();
        long p1 = post(author);
        long p2 = post(author);
        collects.collect(user, p1);
        collects.collect(user, p2);
        long ofP1 = collects.list(user, user.userId(), new PageRequest(0, 10)).items().stream()
                .filter(c -> c.postId() == p1)
                .findFirst()
                .orElseThrow()
                .id();

        // a mismatching postId is refused before anything changes
        assertThatThrownBy(() -> collects.uncollect(user, ofP1, p2))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.INVALID_PARAMS));
        assertThat(posts.findLive(p1).orElseThrow().collectCount()).isEqualTo(1);

        collects.uncollect(user, ofP1, null);
        assertThat(posts.findLive(p1).orElseThrow().collectCount()).isZero();
        assertThat(posts.findLive(p2).orElseThrow().collectCount()).isEqualTo(1);
        assertThatThrownBy(() -> collects.collect(author, p1))
                .isInstanceOfSatisfying(
                        DomainException.class,
                        e -> assertThat(e.reason()).isEqualTo(ErrorReason.CANNOT_COLLECT_OWN_POST));
    }

    CollectStore.CollectRow only(long user) {
        long id = rawLong("SELECT id FROM user_collect WHERE user_id = " + user);
        return store.find(id).orElseThrow();
    }

    static List<Long> postIds(Page<Collect> page) {
        return page.items().stream().map(Collect::postId).toList();
    }

    static List<Throwable> concurrently(int n, Callable<Void> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Void>> done = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                done.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            for (Future<Void> f : done) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return failures;
    }

    long rawLong(String sql) {
        return jdbc.execute(c -> {
            try (var s = c.prepareStatement(sql);
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
