package io.community.creation.like;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.paging.PageRequest;
import io.community.common.testing.MutableClock;
import io.community.creation.PostCounters.Counter;
import io.community.creation.api.Comment;
import io.community.creation.api.DelFlag;
import io.community.creation.api.Like;
import io.community.creation.api.LikeTarget;
import io.community.creation.comment.CommentScore;
import io.community.creation.comment.CommentService;
import io.community.creation.comment.FakeCommentStore;
import io.community.creation.comment.FakePostCounters;
import io.community.creation.comment.JdbcCommentCounters;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

/** Like use cases against in-memory fakes of the like store, the comment store and posts. */
class LikeServiceTest {
    private static final Actor ALICE = new Actor(1, Role.USER);
    private static final Actor BOB = new Actor(2, Role.USER);
    private static final PageRequest ALL = new PageRequest(0, 100);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-03T04:05:06.789Z"));
    private FakeLikeStore likes;
    private FakePostCounters posts;
    private FakeCommentStore commentStore;
    private CommentService comments;
    private LikeService service;
    private long post;

    @BeforeEach
    void setUp() {
        likes = new FakeLikeStore();
        posts = new FakePostCounters();
        commentStore = new FakeCommentStore();
        comments = new CommentService(commentStore, posts, clock);
        service = new LikeService(likes, posts, new JdbcCommentCounters(commentStore, posts), clock);
        post = posts.create(ALICE.userId());
    }

    private static void assertReason(ThrowingCallable call, ErrorReason reason) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(DomainException.class);
        assertThat(((DomainException) thrown).reason()).isEqualTo(reason);
    }

    private long postLikes() {
        return posts.count(post, Counter.LIKE);
    }

    @Test
    void likeIsIdempotentAndUnlikeToo() {
        service.like(BOB, LikeTarget.POST, post);
        service.like(BOB, LikeTarget.POST, post);
        assertThat(postLikes()).isEqualTo(1);
        assertThat(likes.rows()).isEqualTo(1);

        service.unlike(BOB, LikeTarget.POST, post);
        service.unlike(BOB, LikeTarget.POST, post);
        assertThat(postLikes()).isZero();

        service.like(BOB, LikeTarget.POST, post);
        assertThat(postLikes()).as("like again after unlike").isEqualTo(1);
        assertThat(likes.rows()).isEqualTo(1);
        service.like(ALICE, LikeTarget.POST, post);
        assertThat(postLikes()).isEqualTo(2);
    }

    @Test
    void unlikeWithoutALikeChangesNothing() {
        service.like(ALICE, LikeTarget.POST, post);

        service.unlike(BOB, LikeTarget.POST, post);

        assertThat(postLikes()).isEqualTo(1);
    }

    @Test
    void likesOnACommentMoveItsCounterAndScore() {
        Comment c = comments.create(ALICE, post, "c", null, "ip");

        service.like(BOB, LikeTarget.COMMENT, c.id());
        service.like(BOB, LikeTarget.COMMENT, c.id());
        service.like(ALICE, LikeTarget.COMMENT, c.id());

        Comment liked = comments.get(c.id());
        assertThat(liked.likeCount()).isEqualTo(2);
        assertThat(liked.score()).isCloseTo(CommentScore.score(c.createdAt(), 2, 0), within(1e-9));
        assertThat(postLikes()).as("a comment's like is not the post's").isZero();

        service.unlike(ALICE, LikeTarget.COMMENT, c.id());
        assertThat(comments.get(c.id()).likeCount()).isEqualTo(1);
    }

    @Test
    void theTargetMustBeLive() {
        assertReason(() -> service.like(BOB, LikeTarget.POST, 999), ErrorReason.NOT_FOUND);
        assertReason(() -> service.like(BOB, LikeTarget.COMMENT, 999), ErrorReason.NOT_FOUND);

        Comment deleted = comments.create(ALICE, post, "gone", null, "ip");
        comments.delete(ALICE, deleted.id(), DelFlag.BY_OWNER);
        assertReason(() -> service.like(BOB, LikeTarget.COMMENT, deleted.id()), ErrorReason.NOT_FOUND);
        // taking back is idempotent whatever became of the target
        service.unlike(BOB, LikeTarget.COMMENT, deleted.id());

        Comment onDeletedPost = comments.create(ALICE, post, "c", null, "ip");
        posts.delete(post);
        assertReason(() -> service.like(BOB, LikeTarget.POST, post), ErrorReason.NOT_FOUND);
        assertReason(() -> service.like(BOB, LikeTarget.COMMENT, onDeletedPost.id()), ErrorReason.NOT_FOUND);
        assertReason(() -> service.listForPost(post, ALL), ErrorReason.NOT_FOUND);
        assertReason(() -> service.listForComment(onDeletedPost.id(), ALL), ErrorReason.NOT_FOUND);
        assertThat(likes.rows()).isZero();
    }

    @Test
    void anUnknownTargetTypeIsABadRequest() {
        Throwable thrown = catchThrowable(() -> service.like(BOB, null, post));
        assertThat(thrown).isInstanceOf(DomainException.class);
        assertThat(((DomainException) thrown).fieldErrors()).extracting("field").containsExactly("objType");
    }

    @Test
    void listsShowStandingLikesNewestFirst() {
        Actor carol = new Actor(3, Role.USER);
        service.like(ALICE, LikeTarget.POST, post);
        clock.advance(Duration.ofSeconds(1));
        service.like(BOB, LikeTarget.POST, post);
        clock.advance(Duration.ofSeconds(1));
        service.like(carol, LikeTarget.POST, post);
        clock.advance(Duration.ofSeconds(1));
        service.unlike(BOB, LikeTarget.POST, post);
        clock.advance(Duration.ofSeconds(1));
        service.unlike(ALICE, LikeTarget.POST, post);
        service.like(ALICE, LikeTarget.POST, post); // liked again: newest now

        var page = service.listForPost(post, ALL);

        assertThat(page.items()).extracting(Like::userId).containsExactly(ALICE.userId(), carol.userId());
        assertThat(page.items()).allSatisfy(l -> {
            assertThat(l.status()).isEqualTo(1);
            assertThat(l.objType()).isEqualTo(LikeTarget.POST);
            assertThat(l.objId()).isEqualTo(post);
        });
        assertThat(page.total()).isEqualTo(2);
        assertThat(service.listForPost(post, new PageRequest(1, 1)).items())
                .extracting(Like::userId)
                .containsExactly(carol.userId());
        assertReason(() -> service.listForPost(12345, ALL), ErrorReason.NOT_FOUND);

        Comment c = comments.create(ALICE, post, "c", null, "ip");
        service.like(BOB, LikeTarget.COMMENT, c.id());
        assertThat(service.listForComment(c.id(), ALL).items())
                .extracting(Like::userId)
                .containsExactly(BOB.userId());
        assertReason(() -> service.listForComment(12345, ALL), ErrorReason.NOT_FOUND);
    }
}
