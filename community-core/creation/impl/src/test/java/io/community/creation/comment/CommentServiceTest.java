package io.community.creation.comment;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.paging.PageRequest;
import io.community.common.testing.MutableClock;
import io.community.creation.PostCounters.Counter;
import io.community.creation.api.Comment;
import io.community.creation.api.DelFlag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Comment use cases against in-memory fakes of the comment store and of posts: rules, not storage. */
class CommentServiceTest {
    private static final Actor ALICE = new Actor(1, Role.USER);
    private static final Actor BOB = new Actor(2, Role.USER);
    private static final Actor ADMIN = new Actor(9, Role.ADMIN);
    private static final PageRequest ALL = new PageRequest(0, 100);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00.123456789Z"));
    private FakeCommentStore store;
    private FakePostCounters posts;
    private CommentService service;
    private long post;

    @BeforeEach
    void setUp() {
        store = new FakeCommentStore();
        posts = new FakePostCounters();
        service = new CommentService(store, posts, clock);
        post = posts.create(ALICE.userId());
    }

    private Comment comment(Actor actor, String text) {
        clock.advance(Duration.ofSeconds(1));
        return service.create(actor, post, text, "ios", "10.0.0.1");
    }

    private Comment reply(Actor actor, long parent, String text) {
        clock.advance(Duration.ofSeconds(1));
        return service.reply(actor, parent, text, null, "10.0.0.2");
    }

    private long commentCount() {
        return posts.count(post, Counter.COMMENT);
    }

    static void assertReason(Throwable thrown, ErrorReason reason) {
        assertThat(thrown).isInstanceOf(DomainException.class);
        assertThat(((DomainException) thrown).reason()).isEqualTo(reason);
    }

    static void assertInvalidField(Throwable thrown, String field) {
        assertReason(thrown, ErrorReason.INVALID_PARAMS);
        assertThat(((DomainException) thrown).fieldErrors()).extracting("field").containsExactly(field);
    }

    @Test
    void createStoresTheCommentAndCountsIt() {
        Comment c = service.create(ALICE, post, "hello 😀", "android", "2001:db8::1");

        assertThat(c.postId()).isEqualTo(post);
        assertThat(c.userId()).isEqualTo(ALICE.userId());
        assertThat(c.content()).isEqualTo("hello 😀");
        assertThat(c.parentId()).isZero();
        assertThat(c.replyCount()).isZero();
        assertThat(c.likeCount()).isZero();
        assertThat(c.delFlag()).isEqualTo(DelFlag.NONE);
        assertThat(c.deviceType()).isEqualTo("android");
        assertThat(c.ip()).isEqualTo("2001:db8::1");
        assertThat(c.createdAt()).isEqualTo("2026-01-01T00:00:00.123456Z");
        assertThat(c.updatedAt()).isEqualTo(c.createdAt());
        assertThat(c.score()).isCloseTo(CommentScore.score(c.createdAt(), 0, 0), within(1e-9));
        assertThat(commentCount()).isEqualTo(1);
        assertThat(service.get(c.id())).isEqualTo(c);
    }

    @Test
    void deviceTypeIsOptional() {
        Comment c = service.create(BOB, post, "x", null, "127.0.0.1");

        assertThat(c.deviceType()).isEmpty();
        assertThat(c.userId()).isEqualTo(BOB.userId());
    }

    @Test
    void createNeedsALivePost() {
        assertReason(catchThrowable(() -> service.create(ALICE, 999_999, "x", null, "ip")), ErrorReason.NOT_FOUND);
        posts.delete(post);
        assertReason(catchThrowable(() -> service.create(ALICE, post, "x", null, "ip")), ErrorReason.NOT_FOUND);
        assertThat(store.findLive(1)).isEmpty();
    }

    @Test
    void contentAndDeviceTypeAreBoundedInCharacters() {
        String emoji = "😀"; // two UTF-16 units, one character
        assertThat(service.create(ALICE, post, emoji.repeat(2000), emoji.repeat(50), "ip")
                        .content())
                .hasSize(4000);

        assertInvalidField(catchThrowable(() -> service.create(ALICE, post, "a".repeat(2001), null, "ip")), "content");
        assertInvalidField(catchThrowable(() -> service.create(ALICE, post, "", null, "ip")), "content");
        assertInvalidField(catchThrowable(() -> service.create(ALICE, post, "  \n", null, "ip")), "content");
        assertInvalidField(catchThrowable(() -> service.create(ALICE, post, null, null, "ip")), "content");
        assertInvalidField(catchThrowable(() -> service.create(ALICE, post, "x", "d".repeat(51), "ip")), "deviceType");
        assertThat(commentCount()).isEqualTo(1);
    }

    @Test
    void replyCountsOnTheParentAndThePost() {
        Comment parent = comment(ALICE, "parent");

        Comment r = reply(BOB, parent.id(), "reply");

        assertThat(r.parentId()).isEqualTo(parent.id());
        assertThat(r.postId()).isEqualTo(post);
        assertThat(r.userId()).isEqualTo(BOB.userId());
        assertThat(r.ip()).isEqualTo("10.0.0.2");
        Comment updated = service.get(parent.id());
        assertThat(updated.replyCount()).isEqualTo(1);
        assertThat(updated.score()).isCloseTo(CommentScore.score(parent.createdAt(), 0, 1), within(1e-9));
        assertThat(commentCount()).isEqualTo(2);
    }

    @Test
    void oneLevelOfRepliesOnly() {
        Comment parent = comment(ALICE, "parent");
        Comment r = reply(BOB, parent.id(), "reply");

        assertReason(catchThrowable(() -> reply(ALICE, r.id(), "reply to reply")), ErrorReason.CANNOT_REPLY_TO_REPLY);
        assertThat(service.get(r.id()).replyCount()).isZero();
        assertThat(commentCount()).isEqualTo(2);
    }

    @Test
    void replyNeedsALiveParentOnALivePost() {
        assertReason(catchThrowable(() -> reply(ALICE, 12345, "x")), ErrorReason.NOT_FOUND);
        Comment deleted = comment(ALICE, "gone");
        service.delete(ALICE, deleted.id(), DelFlag.BY_OWNER);
        assertReason(catchThrowable(() -> reply(ALICE, deleted.id(), "x")), ErrorReason.NOT_FOUND);

        Comment parent = comment(ALICE, "parent");
        posts.delete(post);
        assertReason(catchThrowable(() -> reply(BOB, parent.id(), "x")), ErrorReason.NOT_FOUND);
        assertThat(store.row(parent.id()).replyCount()).isZero();
    }

    @Test
    void deletingATopLevelCommentTakesItsLiveRepliesAlong() {
        Comment parent = comment(ALICE, "parent");
        Comment r1 = reply(BOB, parent.id(), "r1");
        Comment r2 = reply(ALICE, parent.id(), "r2");
        Comment r3 = reply(BOB, parent.id(), "r3");
        Comment other = comment(BOB, "other");
        service.delete(BOB, r3.id(), DelFlag.BY_OWNER); // already gone: must not be counted twice
        assertThat(commentCount()).isEqualTo(4);

        service.delete(ALICE, parent.id(), DelFlag.BY_OWNER);

        assertThat(commentCount()).as("1 + its 2 live replies").isEqualTo(1);
        assertThat(store.row(parent.id()).delFlag()).isEqualTo(DelFlag.BY_OWNER);
        assertThat(store.row(r1.id()).delFlag()).isEqualTo(DelFlag.BY_OWNER);
        assertThat(store.row(r2.id()).delFlag()).isEqualTo(DelFlag.BY_OWNER);
        for (long id : List.of(parent.id(), r1.id(), r2.id(), r3.id())) {
            assertReason(catchThrowable(() -> service.get(id)), ErrorReason.NOT_FOUND);
        }
        assertReason(catchThrowable(() -> service.replies(parent.id(), ALL)), ErrorReason.NOT_FOUND);
        assertThat(service.getByIds(List.of(parent.id(), r1.id(), other.id())))
                .extracting(Comment::id)
                .containsExactly(other.id());
        assertThat(service.latest(post, ALL).items()).extracting(Comment::id).containsExactly(other.id());
    }

    @Test
    void deletingAReplyFixesTheParentAndThePost() {
        Comment parent = comment(ALICE, "parent");
        Comment r1 = reply(BOB, parent.id(), "r1");
        Comment r2 = reply(BOB, parent.id(), "r2");

        service.delete(BOB, r1.id(), DelFlag.BY_OWNER);

        assertThat(service.get(parent.id()).replyCount()).isEqualTo(1);
        assertThat(service.get(parent.id()).score())
                .isCloseTo(CommentScore.score(parent.createdAt(), 0, 1), within(1e-9));
        assertThat(commentCount()).isEqualTo(2);
        assertThat(service.replies(parent.id(), ALL).items())
                .extracting(Comment::id)
                .containsExactly(r2.id());
    }

    @Test
    void aSecondDeleteIsNotFoundAndChangesNothing() {
        Comment parent = comment(ALICE, "parent");
        Comment r = reply(BOB, parent.id(), "r");
        service.delete(BOB, r.id(), DelFlag.BY_OWNER);

        assertReason(catchThrowable(() -> service.delete(BOB, r.id(), DelFlag.BY_OWNER)), ErrorReason.NOT_FOUND);
        assertReason(catchThrowable(() -> service.delete(ADMIN, r.id(), DelFlag.BY_ADMIN)), ErrorReason.NOT_FOUND);

        assertThat(service.get(parent.id()).replyCount()).isZero();
        assertThat(commentCount()).isEqualTo(1);
        assertReason(catchThrowable(() -> service.delete(ALICE, 4242, DelFlag.BY_OWNER)), ErrorReason.NOT_FOUND);
    }

    @Test
    void thePostCounterNeverGoesBelowZero() {
        Comment parent = comment(ALICE, "parent");
        reply(BOB, parent.id(), "r");
        posts.add(post, Counter.COMMENT, -1); // out of step with the rows: 1 counted, 2 live

        service.delete(ALICE, parent.id(), DelFlag.BY_OWNER);

        assertThat(commentCount()).isZero();
    }

    @Test
    void whoMayDeleteWithWhichFlag() {
        Comment c = comment(ALICE, "mine");

        assertReason(catchThrowable(() -> service.delete(BOB, c.id(), DelFlag.BY_OWNER)), ErrorReason.FORBIDDEN);
        assertReason(catchThrowable(() -> service.delete(BOB, c.id(), DelFlag.BY_ADMIN)), ErrorReason.FORBIDDEN);
        assertReason(catchThrowable(() -> service.delete(ALICE, c.id(), DelFlag.BY_ADMIN)), ErrorReason.FORBIDDEN);
        // the admin deletes others' comments as admin, not as their owner
        assertReason(catchThrowable(() -> service.delete(ADMIN, c.id(), DelFlag.BY_OWNER)), ErrorReason.FORBIDDEN);
        assertInvalidField(catchThrowable(() -> service.delete(ALICE, c.id(), DelFlag.NONE)), "delFlag");
        assertInvalidField(catchThrowable(() -> service.delete(ALICE, c.id(), null)), "delFlag");
        assertThat(service.get(c.id()).delFlag()).isEqualTo(DelFlag.NONE);

        service.delete(ADMIN, c.id(), DelFlag.BY_ADMIN);

        assertThat(store.row(c.id()).delFlag()).isEqualTo(DelFlag.BY_ADMIN);
        assertThat(commentCount()).isZero();
    }

    @Test
    void onlyTheAuthorEdits() {
        Comment c = comment(ALICE, "first");
        clock.advance(Duration.ofMinutes(1));

        assertReason(catchThrowable(() -> service.update(BOB, c.id(), "hijack")), ErrorReason.FORBIDDEN);
        assertReason(catchThrowable(() -> service.update(ADMIN, c.id(), "hijack")), ErrorReason.FORBIDDEN);
        assertInvalidField(catchThrowable(() -> service.update(ALICE, c.id(), " ")), "content");
        service.update(ALICE, c.id(), "second");

        Comment updated = service.get(c.id());
        assertThat(updated.content()).isEqualTo("second");
        assertThat(updated.updatedAt()).isEqualTo(c.createdAt().plus(Duration.ofMinutes(1)));
        assertThat(updated.createdAt()).isEqualTo(c.createdAt());
        service.delete(ALICE, c.id(), DelFlag.BY_OWNER);
        assertReason(catchThrowable(() -> service.update(ALICE, c.id(), "third")), ErrorReason.NOT_FOUND);
    }

    @Test
    void commentsOfADeletedPostAreHidden() {
        Comment parent = comment(ALICE, "parent");
        Comment r = reply(BOB, parent.id(), "r");
        long otherPost = posts.create(BOB.userId());
        Comment elsewhere = service.create(ALICE, otherPost, "elsewhere", null, "ip");

        posts.delete(post);

        assertReason(catchThrowable(() -> service.get(parent.id())), ErrorReason.NOT_FOUND);
        assertReason(catchThrowable(() -> service.get(r.id())), ErrorReason.NOT_FOUND);
        assertReason(catchThrowable(() -> service.latest(post, ALL)), ErrorReason.NOT_FOUND);
        assertReason(catchThrowable(() -> service.hot(post, ALL)), ErrorReason.NOT_FOUND);
        assertReason(catchThrowable(() -> service.replies(parent.id(), ALL)), ErrorReason.NOT_FOUND);
        assertReason(catchThrowable(() -> service.update(ALICE, parent.id(), "x")), ErrorReason.NOT_FOUND);
        assertReason(catchThrowable(() -> service.delete(ALICE, parent.id(), DelFlag.BY_OWNER)), ErrorReason.NOT_FOUND);
        assertThat(service.getByIds(List.of(parent.id(), r.id(), elsewhere.id())))
                .containsExactly(elsewhere);
    }

    @Test
    void aReplyWhoseParentIsDeletedIsHiddenEvenIfItsOwnFlagWasMissed() {
        Comment parent = comment(ALICE, "parent");
        Comment r = reply(BOB, parent.id(), "r");
        store.softDelete(parent.id(), DelFlag.BY_OWNER, clock.instant()); // the parent alone, as a race could leave it

        assertReason(catchThrowable(() -> service.get(r.id())), ErrorReason.NOT_FOUND);
        assertThat(service.getByIds(List.of(r.id()))).isEmpty();
        assertThat(new JdbcCommentCounters(store, posts).findLive(r.id())).isEmpty();
    }

    @Test
    void getByIdsKeepsInputOrderAndSkipsWhatIsGone() {
        Comment a = comment(ALICE, "a");
        Comment b = comment(BOB, "b");
        Comment c = comment(ALICE, "c");
        Comment rb = reply(ALICE, b.id(), "rb");
        service.delete(BOB, b.id(), DelFlag.BY_OWNER);

        assertThat(service.getByIds(List.of(c.id(), 777L, b.id(), a.id(), rb.id(), c.id())))
                .extracting(Comment::id)
                .containsExactly(c.id(), a.id());
    }

    @Test
    void getByIdsTakesOneToOneHundredIds() {
        comment(ALICE, "a");
        assertInvalidField(catchThrowable(() -> service.getByIds(List.of())), "ids");
        assertInvalidField(catchThrowable(() -> service.getByIds(null)), "ids");
        assertInvalidField(
                catchThrowable(() ->
                        service.getByIds(LongStream.rangeClosed(1, 101).boxed().toList())),
                "ids");
        assertInvalidField(catchThrowable(() -> service.getByIds(Collections.singletonList(null))), "ids");
        assertThat(service.getByIds(LongStream.rangeClosed(1, 100).boxed().toList()))
                .hasSize(1);
    }

    @Test
    void latestListsTopLevelCommentsNewestFirstWithATotal() {
        Comment a = comment(ALICE, "a");
        Comment b = comment(BOB, "b");
        reply(ALICE, a.id(), "ra");
        Comment c = comment(ALICE, "c");

        var first = service.latest(post, new PageRequest(0, 2));
        var second = service.latest(post, new PageRequest(1, 2));

        assertThat(first.items()).extracting(Comment::id).containsExactly(c.id(), b.id());
        assertThat(first.total()).isEqualTo(3);
        assertThat(second.items()).extracting(Comment::id).containsExactly(a.id());
        assertThat(service.latest(post, new PageRequest(5, 2)).items()).isEmpty();
        assertReason(catchThrowable(() -> service.latest(123456, ALL)), ErrorReason.NOT_FOUND);
    }

    @Test
    void hotOrdersByTheScoreNotByTime() {
        Comment old = comment(ALICE, "old but discussed");
        Comment liked = comment(BOB, "liked");
        Comment fresh = comment(ALICE, "fresh");
        reply(BOB, old.id(), "r1");
        reply(ALICE, old.id(), "r2");
        store.addLikes(liked.id(), 1);

        List<Comment> hot = service.hot(post, ALL).items();

        // old: log10(1 + 3*2) = 0.85; liked: log10(1 + 2) = 0.48; fresh: 0, and seconds apart weigh ~0.00002
        assertThat(hot).extracting(Comment::id).containsExactly(old.id(), liked.id(), fresh.id());
        assertThat(service.latest(post, ALL).items())
                .extracting(Comment::id)
                .containsExactly(fresh.id(), liked.id(), old.id());
        List<Double> expected = new ArrayList<>();
        for (Comment c : hot) {
            expected.add(CommentScore.score(c.createdAt(), c.likeCount(), c.replyCount()));
        }
        assertThat(hot)
                .extracting(Comment::score)
                .usingElementComparator((x, y) -> Math.abs(x - y) < 1e-9 ? 0 : 1)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void repliesAreOldestFirstAndNeedALiveParent() {
        Comment parent = comment(ALICE, "parent");
        Comment r1 = reply(BOB, parent.id(), "r1");
        Comment r2 = reply(ALICE, parent.id(), "r2");
        Comment r3 = reply(BOB, parent.id(), "r3");
        service.delete(ALICE, r2.id(), DelFlag.BY_OWNER);

        var page = service.replies(parent.id(), ALL);

        assertThat(page.items()).extracting(Comment::id).containsExactly(r1.id(), r3.id());
        assertThat(page.total()).isEqualTo(2);
        assertThat(service.replies(r1.id(), ALL).items()).isEmpty();
        assertReason(catchThrowable(() -> service.replies(98765, ALL)), ErrorReason.NOT_FOUND);
    }

    @Test
    void countersForLikesGoThroughTheStoreAndRefreshTheScore() {
        Comment c = comment(ALICE, "c");
        JdbcCommentCounters counters = new JdbcCommentCounters(store, posts);

        assertThat(counters.findLive(c.id())).hasValueSatisfying(ref -> {
            assertThat(ref.postId()).isEqualTo(post);
            assertThat(ref.userId()).isEqualTo(ALICE.userId());
            assertThat(ref.parentId()).isZero();
        });
        counters.addLikes(c.id(), 1);
        counters.addLikes(c.id(), -1);
        counters.addLikes(c.id(), -1);
        counters.addLikes(c.id(), 1);

        assertThat(service.get(c.id()).likeCount()).isEqualTo(1);
        assertThat(service.get(c.id()).score()).isCloseTo(CommentScore.score(c.createdAt(), 1, 0), within(1e-9));
        assertThat(counters.findLive(424242)).isEmpty();
    }

    private static Throwable catchThrowable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return org.assertj.core.api.Assertions.catchThrowable(call);
    }
}
