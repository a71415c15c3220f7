package io.community.creation.collect;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.error.FieldError;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.common.testing.MutableClock;
import io.community.creation.api.Collect;
import io.community.creation.api.DelFlag;
import io.community.creation.api.PostType;
import io.community.creation.post.FakePostStore;
import io.community.creation.post.JdbcPostCounters;
import io.community.creation.post.PostStore.NewPost;
import io.community.creation.post.PostStore.PostContent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The collect use cases against in-memory stores; the post counters are the real ones over a fake post store. */
class CollectServiceTest {
    static final Actor ALICE = new Actor(1, Role.USER);
    static final Actor BOB = new Actor(2, Role.USER);
    static final Actor CAROL = new Actor(3, Role.USER);
    static final Actor ADMIN = new Actor(9, Role.ADMIN);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private FakePostStore posts;
    private FakeCollectStore store;
    private CollectService service;
    private long alicePost;
    private long alicePost2;

    @BeforeEach
    void setUp() {
        posts = new FakePostStore();
        store = new FakeCollectStore(id -> posts.findLive(id).isPresent());
        service = new CollectService(store, new JdbcPostCounters(posts), clock);
        alicePost = post(ALICE);
        alicePost2 = post(ALICE);
    }

    long post(Actor author) {
        return posts.insert(new NewPost(
                author.userId(), new PostContent(PostType.TEXT, "t", "{\"text\":\"x\"}", 0, 0, ""), clock.instant()));
    }

    long collectCount(long postId) {
        return posts.row(postId).orElseThrow().collectCount();
    }

    Collect only(Actor actor) {
        Page<Collect> page = service.list(actor, actor.userId(), new PageRequest(0, 10));
        assertThat(page.items()).hasSize(1);
        return page.items().get(0);
    }

    @Test
    void collectIsIdempotentAndCountsOnce() {
        service.collect(BOB, alicePost);
        service.collect(BOB, alicePost);

        assertThat(collectCount(alicePost)).isEqualTo(1);
        Collect collect = only(BOB);
        assertThat(collect.userId()).isEqualTo(2);
        assertThat(collect.postId()).isEqualTo(alicePost);
        assertThat(collect.createdAt()).isEqualTo(clock.instant());
    }

    @Test
    void collectRules() {
        assertReason(() -> service.collect(ALICE, alicePost), ErrorReason.CANNOT_COLLECT_OWN_POST);
        assertReason(() -> service.collect(BOB, 404), ErrorReason.NOT_FOUND);
        posts.softDelete(alicePost2, DelFlag.BY_OWNER, clock.instant());
        assertReason(() -> service.collect(BOB, alicePost2), ErrorReason.NOT_FOUND);
        assertThat(collectCount(alicePost)).isZero();
        assertThat(service.list(BOB, 2, new PageRequest(0, 10)).total()).isZero();
    }

    @Test
    void uncollectTakesTheCountOfTheCollectsOwnPost() {
        service.collect(BOB, alicePost);
        service.collect(BOB, alicePost2);
        service.collect(CAROL, alicePost2);
        long collectOfPost1 = service.list(BOB, 2, new PageRequest(0, 10)).items().stream()
                .filter(c -> c.postId() == alicePost)
                .findFirst()
                .orElseThrow()
                .id();

        service.uncollect(BOB, collectOfPost1, null);

        assertThat(collectCount(alicePost)).isZero();
        assertThat(collectCount(alicePost2)).isEqualTo(2);
        assertThat(service.list(BOB, 2, new PageRequest(0, 10)).items())
                .extracting(Collect::postId)
                .containsExactly(alicePost2);
    }

    @Test
    void uncollectRules() {
        service.collect(BOB, alicePost);
        long id = only(BOB).id();

        assertReason(() -> service.uncollect(CAROL, id, null), ErrorReason.FORBIDDEN);
        assertReason(() -> service.uncollect(ADMIN, id, null), ErrorReason.FORBIDDEN);
        assertField(() -> service.uncollect(BOB, id, alicePost2), "postId");
        assertReason(() -> service.uncollect(BOB, 404, null), ErrorReason.NOT_FOUND);
        assertThat(collectCount(alicePost)).isEqualTo(1);

        service.uncollect(BOB, id, alicePost);
        service.uncollect(BOB, id, null); // again: nothing left to do, still fine
        assertThat(collectCount(alicePost)).isZero();
        assertReason(() -> service.uncollect(CAROL, id, null), ErrorReason.FORBIDDEN);
    }

    @Test
    void collectingAgainAfterUncollectWorks() {
        service.collect(BOB, alicePost);
        long id = only(BOB).id();
        service.uncollect(BOB, id, null);
        clock.advance(Duration.ofMinutes(1));
        service.collect(CAROL, alicePost2);
        clock.advance(Duration.ofMinutes(1));

        service.collect(BOB, alicePost);

        Collect again = only(BOB);
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.createdAt()).isEqualTo(clock.instant());
        assertThat(collectCount(alicePost)).isEqualTo(1);
    }

    @Test
    void collectsArePrivateAndHideDeletedPosts() {
        service.collect(BOB, alicePost);
        clock.advance(Duration.ofSeconds(1));
        service.collect(BOB, alicePost2);
        clock.advance(Duration.ofSeconds(1));
        long bobPost = post(BOB);
        service.collect(CAROL, bobPost);

        assertReason(() -> service.list(CAROL, 2, new PageRequest(0, 10)), ErrorReason.FORBIDDEN);
        assertThat(service.list(ADMIN, 2, new PageRequest(0, 10)).total()).isEqualTo(2);
        assertThat(service.list(BOB, 2, new PageRequest(0, 10)).items())
                .extracting(Collect::postId)
                .containsExactly(alicePost2, alicePost);
        assertThat(service.list(BOB, 2, new PageRequest(1, 1)).items())
                .extracting(Collect::postId)
                .containsExactly(alicePost);

        posts.softDelete(alicePost2, DelFlag.BY_OWNER, clock.instant());

        Page<Collect> after = service.list(BOB, 2, new PageRequest(0, 10));
        assertThat(after.items()).extracting(Collect::postId).containsExactly(alicePost);
        assertThat(after.total()).isEqualTo(1);
    }

    static void assertReason(Executable call, ErrorReason reason) {
        assertThatThrownBy(call::execute)
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    static void assertField(Executable call, String field) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.reason()).isEqualTo(ErrorReason.INVALID_PARAMS);
            assertThat(e.fieldErrors()).extracting(FieldError::field).contains(field);
        });
    }
}
