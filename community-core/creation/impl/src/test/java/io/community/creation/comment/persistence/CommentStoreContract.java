package io.community.creation.comment.persistence;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.CommentCounters;
import io.community.creation.CreationDatabaseTest;
import io.community.creation.api.Comment;
import io.community.creation.api.CommentUseCases;
import io.community.creation.api.DelFlag;
import io.community.creation.comment.CommentScore;
import io.community.creation.comment.CommentStore;
import io.community.creation.comment.CommentStore.NewComment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link JdbcCommentStore}, {@link io.community.creation.comment.JdbcCommentCounters} and the
 * comment use cases' transactions on a real database; subclasses say which. Every test creates
 * its own posts, so tests share one schema.
 */
abstract class CommentStoreContract extends CreationDatabaseTest {
    CommentStore store;
    CommentUseCases service;
    CommentCounters counters;

    @BeforeAll
    void beans() {
        store = context.getBean(CommentStore.class);
        service = context.getBean(CommentUseCases.class);
        counters = context.getBean(CommentCounters.class);
    }

    long insert(long postId, long parentId, Instant at) {
        return store.insert(new NewComment(postId, newId(), parentId, "c", "", "127.0.0.1", at));
    }

    long postComments(long postId) {
        return raw("SELECT comment_count FROM post WHERE id = ?", postId);
    }

    long liveComments(long postId) {
        return raw("SELECT COUNT(*) FROM `comment` WHERE post_id = ? AND del_flag = 0", postId);
    }

    @Test
    void insertsAndReadsEveryColumn() {
        long post = newPost();
        String content = "😀".repeat(1999) + "é"; // 2000 characters, 3999 UTF-16 units, 7998 bytes in UTF-8
        String device = "📱".repeat(50);
        String ip = "0000:0000:0000:0000:0000:ffff:192.168.100.200"; // 45 characters, the longest textual form
        Instant at = Instant.parse("2024-03-31T02:30:00.123456Z"); // a wall clock Berlin skips

        long id = store.insert(new NewComment(post, 42, 0, content, device, ip, at));

        Comment c = store.findLive(id).orElseThrow();
        assertThat(c.id()).isEqualTo(id);
        assertThat(c.postId()).isEqualTo(post);
        assertThat(c.userId()).isEqualTo(42);
        assertThat(c.content()).isEqualTo(content);
        assertThat(c.parentId()).isZero();
        assertThat(c.replyCount()).isZero();
        assertThat(c.likeCount()).isZero();
        assertThat(c.score()).isCloseTo(CommentScore.score(at, 0, 0), within(1e-9));
        assertThat(c.delFlag()).isEqualTo(DelFlag.NONE);
        assertThat(c.createdAt()).isEqualTo(at);
        assertThat(c.updatedAt()).isEqualTo(at);
        assertThat(c.deviceType()).isEqualTo(device);
        assertThat(c.ip()).isEqualTo(ip);
        assertThat(store.findLive(List.of(id, id, -1L))).containsExactly(c);
        assertThat(store.findLive(List.of())).isEmpty();
        assertThat(store.findLive(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void deletedCommentsAreGoneForEveryRead() {
        long post = newPost();
        long parent = insert(post, 0, T0);
        long r1 = insert(post, parent, T0.plusSeconds(1));
        long r2 = insert(post, parent, T0.plusSeconds(2));
        long other = insert(post, 0, T0.plusSeconds(3));
        assertThat(store.softDelete(r2, DelFlag.BY_OWNER, T0.plusSeconds(9))).isTrue();

        assertThat(store.softDelete(parent, DelFlag.BY_ADMIN, T0.plusSeconds(10)))
                .isTrue();
        assertThat(store.softDeleteReplies(parent, DelFlag.BY_ADMIN, T0.plusSeconds(10)))
                .isEqualTo(1);

        assertThat(store.findLive(parent)).isEmpty();
        assertThat(store.findLive(r1)).isEmpty();
        assertThat(store.findLive(List.of(parent, r1, r2, other)))
                .extracting(Comment::id)
                .containsExactly(other);
        assertThat(store.latest(post, ALL).items()).extracting(Comment::id).containsExactly(other);
        assertThat(store.hot(post, ALL).total()).isEqualTo(1);
        assertThat(store.replies(parent, ALL).total()).isZero();
        assertThat(raw("SELECT del_flag FROM `comment` WHERE id = ?", r1)).isEqualTo(2);
        assertThat(raw("SELECT del_flag FROM `comment` WHERE id = ?", r2))
                .as("its own flag stays")
                .isEqualTo(1);
        // writes on deleted comments report "not there" and change nothing
        assertThat(store.softDelete(parent, DelFlag.BY_OWNER, T0)).isFalse();
        assertThat(store.softDeleteReplies(parent, DelFlag.BY_OWNER, T0)).isZero();
        assertThat(store.updateContent(r1, "x", T0)).isFalse();
        assertThat(store.addReplyToLiveTopLevel(parent)).isFalse();
        assertThat(raw("SELECT del_flag FROM `comment` WHERE id = ?", parent)).isEqualTo(2);
    }

    @Test
    void listsAreOrderedAndPaged() {
        long post = newPost();
        long a = insert(post, 0, T0);
        long b = insert(post, 0, T0.plusSeconds(60));
        long c = insert(post, 0, T0.plusSeconds(60)); // same time: the id breaks the tie
        long r1 = insert(post, a, T0.plusSeconds(120));
        long r2 = insert(post, a, T0.plusSeconds(90));
        insert(newPost(), 0, T0.plusSeconds(200)); // another post's

        Page<Comment> first = store.latest(post, new PageRequest(0, 2));
        assertThat(first.items()).extracting(Comment::id).containsExactly(c, b);
        assertThat(first.total()).isEqualTo(3);
        assertThat(store.latest(post, new PageRequest(1, 2)).items())
                .extracting(Comment::id)
                .containsExactly(a);
        assertThat(store.latest(post, new PageRequest(2, 2)).items()).isEmpty();
        assertThat(store.latest(post, new PageRequest(2, 2)).total()).isEqualTo(3);
        assertThat(store.replies(a, ALL).items()).extracting(Comment::id).containsExactly(r2, r1);
        assertThat(store.replies(a, new PageRequest(1, 1)).items())
                .extracting(Comment::id)
                .containsExactly(r1);
    }

    @Test
    void hotFollowsTheFormulaAndDiffersFromLatest() {
        long post = newPost();
        long old = insert(post, 0, T0);
        long liked = insert(post, 0, T0.plusSeconds(3600));
        long fresh = insert(post, 0, T0.plusSeconds(7200));
        for (int i = 0; i < 5; i++) {
            store.addLikes(liked, 1);
        }
        store.addReplyToLiveTopLevel(old);
        store.addReplyToLiveTopLevel(old);
        store.addReplies(old, 1);

        List<Comment> hot = store.hot(post, ALL).items();

        // liked: log10(1 + 2*5) = 1.04; old: log10(1 + 3*3) = 1.0; an hour of age is worth 0.08
        assertThat(hot).extracting(Comment::id).containsExactly(liked, old, fresh);
        assertThat(store.latest(post, ALL).items()).extracting(Comment::id).containsExactly(fresh, liked, old);
        for (Comment c : hot) {
            assertThat(c.score())
                    .as("score of %d", c.id())
                    .isCloseTo(CommentScore.score(c.createdAt(), c.likeCount(), c.replyCount()), within(1e-9));
        }
        assertThat(hot.get(0).likeCount()).isEqualTo(5);
        assertThat(hot.get(1).replyCount()).isEqualTo(3);
    }

    @Test
    void countersNeverGoBelowZero() {
        long post = newPost();
        long c = insert(post, 0, T0);
        store.addLikes(c, 2);
        store.addLikes(c, -5);
        store.addReplies(c, -1);

        assertThat(raw("SELECT like_count FROM `comment` WHERE id = ?", c)).isZero();
        assertThat(raw("SELECT reply_count FROM `comment` WHERE id = ?", c)).isZero();
        assertThat(store.findLive(c).orElseThrow().score()).isCloseTo(CommentScore.score(T0, 0, 0), within(1e-9));
        assertThat(store.addLikes(Long.MAX_VALUE, 1)).isFalse();
    }

    @Test
    void concurrentCounterChangesAddUpAndStayAtZero() throws Exception {
        long c = insert(newPost(), 0, T0);
        store.addLikes(c, 10);

        runConcurrently(40, i -> {
            counters.addLikes(c, i % 2 == 0 ? -1 : 1);
            return null;
        });
        assertThat(raw("SELECT like_count FROM `comment` WHERE id = ?", c)).isEqualTo(10);

        runConcurrently(40, i -> {
            counters.addLikes(c, -1);
            return null;
        });
        assertThat(raw("SELECT like_count FROM `comment` WHERE id = ?", c)).isZero();
        assertThat(raw(
                        "SELECT MIN(like_count) FROM `comment` WHERE post_id = (SELECT post_id FROM `comment`"
                                + " WHERE id = ?)",
                        c))
                .isZero();
    }

    @Test
    void replyToLiveTopLevelOnly() {
        long post = newPost();
        long parent = insert(post, 0, T0);
        long reply = insert(post, parent, T0);

        assertThat(store.addReplyToLiveTopLevel(parent)).isTrue();
        assertThat(store.addReplyToLiveTopLevel(reply)).isFalse();
        assertThat(store.addReplyToLiveTopLevel(Long.MAX_VALUE)).isFalse();
        assertThat(raw("SELECT reply_count FROM `comment` WHERE id = ?", parent))
                .isEqualTo(1);
        assertThat(raw("SELECT reply_count FROM `comment` WHERE id = ?", reply)).isZero();
    }

    @Test
    void updatesContent() {
        long c = insert(newPost(), 0, T0);
        Instant later = Instant.parse("2024-10-27T00:30:00.000001Z"); // 02:30 in Berlin's autumn overlap

        assertThat(store.updateContent(c, "new 🎉", later)).isTrue();

        Comment updated = store.findLive(c).orElseThrow();
        assertThat(updated.content()).isEqualTo("new 🎉");
        assertThat(updated.updatedAt()).isEqualTo(later);
        assertThat(updated.createdAt()).isEqualTo(T0);
        assertThat(store.updateContent(Long.MAX_VALUE, "x", later)).isFalse();
    }

    @Test
    void useCasesKeepThePostCounterInStepWithTheRows() {
        long post = newPost();
        Actor alice = new Actor(newId(), Role.USER);
        Actor bob = new Actor(newId(), Role.USER);
        Comment parent = service.create(alice, post, "parent", "web", "::1");
        Comment r1 = service.reply(bob, parent.id(), "r1", null, "::1");
        service.reply(alice, parent.id(), "r2", null, "::1");
        Comment other = service.create(bob, post, "other", null, "::1");
        assertThat(postComments(post)).isEqualTo(4);

        service.delete(bob, r1.id(), DelFlag.BY_OWNER);
        assertThat(postComments(post)).isEqualTo(3);
        assertThat(raw("SELECT reply_count FROM `comment` WHERE id = ?", parent.id()))
                .isEqualTo(1);

        service.delete(alice, parent.id(), DelFlag.BY_OWNER);
        assertThat(postComments(post)).isEqualTo(1).isEqualTo(liveComments(post));
        assertThat(service.getByIds(List.of(parent.id(), r1.id(), other.id())))
                .extracting(Comment::id)
                .containsExactly(other.id());

        posts.softDelete(post, DelFlag.BY_OWNER, T0.plusSeconds(5));
        assertNotFound(() -> service.get(other.id()));
        assertNotFound(() -> service.latest(post, ALL));
        assertThat(counters.findLive(other.id())).isEmpty();
    }

    /** A delete of the parent while replies pour in: every reply either lands and goes with it, or is refused. */
    @Test
    void concurrentRepliesAndADeleteOfTheParentLeaveConsistentCounters() throws Exception {
        long post = newPost();
        Actor alice = new Actor(newId(), Role.USER);
        Comment parent = service.create(alice, post, "parent", null, "::1");

        List<Object> outcomes = runConcurrently(30, i -> {
            try {
                if (i == 15) {
                    service.delete(alice, parent.id(), DelFlag.BY_OWNER);
                    return "deleted";
                }
                return service.reply(new Actor(newId(), Role.USER), parent.id(), "r" + i, null, "::1");
            } catch (DomainException e) {
                return e.reason();
            }
        });

        assertThat(outcomes).contains("deleted");
        assertThat(outcomes).allMatch(o -> o.equals("deleted") || o instanceof Comment || o == ErrorReason.NOT_FOUND);
        assertThat(liveComments(post)).isZero();
        assertThat(postComments(post)).isZero();
    }

    @Test
    void concurrentRepliesAllCount() throws Exception {
        long post = newPost();
        Comment parent = service.create(new Actor(newId(), Role.USER), post, "parent", null, "::1");

        runConcurrently(20, i -> service.reply(new Actor(newId(), Role.USER), parent.id(), "r", null, "::1"));

        assertThat(raw("SELECT reply_count FROM `comment` WHERE id = ?", parent.id()))
                .isEqualTo(20);
        assertThat(postComments(post)).isEqualTo(21);
    }
}
