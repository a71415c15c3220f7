package io.community.creation.like.persistence;

import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.CreationDatabaseTest;
import io.community.creation.api.Comment;
import io.community.creation.api.CommentUseCases;
import io.community.creation.api.Like;
import io.community.creation.api.LikeTarget;
import io.community.creation.api.LikeUseCases;
import io.community.creation.comment.CommentScore;
import io.community.creation.like.LikeStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link JdbcLikeStore} and the like use cases' transactions on a real database; subclasses say
 * which. The concurrency tests are the point: identical likes and unlikes racing each other must
 * leave one row and a counter that equals the standing likes, without a deadlock or a duplicate-key
 * error reaching the caller.
 */
abstract class LikeStoreContract extends CreationDatabaseTest {
    LikeStore store;
    LikeUseCases service;
    CommentUseCases comments;

    @BeforeAll
    void beans() {
        store = context.getBean(LikeStore.class);
        service = context.getBean(LikeUseCases.class);
        comments = context.getBean(CommentUseCases.class);
    }

    long rows(LikeTarget target, long objId) {
        return raw("SELECT COUNT(*) FROM user_like WHERE obj_type = ? AND obj_id = ?", target.code(), objId);
    }

    long standing(LikeTarget target, long objId) {
        return raw(
                "SELECT COUNT(*) FROM user_like WHERE obj_type = ? AND obj_id = ? AND status = 1",
                target.code(),
                objId);
    }

    long postLikes(long postId) {
        return raw("SELECT like_count FROM post WHERE id = ?", postId);
    }

    long commentLikes(long commentId) {
        return raw("SELECT like_count FROM `comment` WHERE id = ?", commentId);
    }

    @Test
    void likeUnlikeAndLikeAgainFlipOneRow() {
        long user = newId();
        long obj = newId();
        Instant liked = Instant.parse("2024-03-31T02:30:00.123456Z"); // a wall clock Berlin skips

        assertThat(store.like(user, LikeTarget.POST, obj, liked)).isTrue();
        assertThat(store.like(user, LikeTarget.POST, obj, liked.plusSeconds(1))).isFalse();
        Like like = store.list(LikeTarget.POST, obj, ALL).items().get(0);
        assertThat(like.userId()).isEqualTo(user);
        assertThat(like.objType()).isEqualTo(LikeTarget.POST);
        assertThat(like.objId()).isEqualTo(obj);
        assertThat(like.status()).isEqualTo(1);
        assertThat(like.createdAt()).isEqualTo(liked);
        assertThat(like.updatedAt()).isEqualTo(liked);

        assertThat(store.unlike(user, LikeTarget.POST, obj, liked.plusSeconds(2)))
                .isTrue();
        assertThat(store.unlike(user, LikeTarget.POST, obj, liked.plusSeconds(3)))
                .isFalse();
        assertThat(store.list(LikeTarget.POST, obj, ALL).total()).isZero();
        assertThat(raw("SELECT status FROM user_like WHERE id = ?", like.id())).isZero();

        Instant again = liked.plusSeconds(4);
        assertThat(store.like(user, LikeTarget.POST, obj, again)).isTrue();
        Like relike = store.list(LikeTarget.POST, obj, ALL).items().get(0);
        assertThat(relike.id()).isEqualTo(like.id());
        assertThat(relike.createdAt()).isEqualTo(again);
        assertThat(rows(LikeTarget.POST, obj)).isEqualTo(1);

        assertThat(store.unlike(newId(), LikeTarget.POST, obj, again))
                .as("never liked")
                .isFalse();
        assertThat(store.list(LikeTarget.COMMENT, obj, ALL).total())
                .as("another type, another target")
                .isZero();
    }

    @Test
    void listsStandingLikesNewestFirst() {
        long obj = newId();
        long a = newId();
        long b = newId();
        long c = newId();
        long d = newId();
        store.like(a, LikeTarget.COMMENT, obj, T0);
        store.like(b, LikeTarget.COMMENT, obj, T0.plusSeconds(10));
        store.like(c, LikeTarget.COMMENT, obj, T0.plusSeconds(10)); // same time: the id breaks the tie
        store.like(d, LikeTarget.COMMENT, obj, T0.plusSeconds(20));
        store.unlike(d, LikeTarget.COMMENT, obj, T0.plusSeconds(30));

        Page<Like> first = store.list(LikeTarget.COMMENT, obj, new PageRequest(0, 2));
        assertThat(first.items()).extracting(Like::userId).containsExactly(c, b);
        assertThat(first.total()).isEqualTo(3);
        assertThat(store.list(LikeTarget.COMMENT, obj, new PageRequest(1, 2)).items())
                .extracting(Like::userId)
                .containsExactly(a);
        assertThat(store.list(LikeTarget.COMMENT, obj, new PageRequest(9, 2)).items())
                .isEmpty();
    }

    @Test
    void fiftyConcurrentIdenticalLikesLeaveOneRowAndOneCount() throws Exception {
        long post = newPost();
        Actor user = new Actor(newId(), Role.USER);

        List<Object> outcomes = runConcurrently(50, i -> {
            service.like(user, LikeTarget.POST, post);
            return "ok";
        });

        assertThat(outcomes).containsOnly("ok");
        assertThat(rows(LikeTarget.POST, post)).isEqualTo(1);
        assertThat(postLikes(post)).isEqualTo(1);
    }

    @Test
    void concurrentUnlikesCountOnceAndNeverBelowZero() throws Exception {
        long post = newPost();
        Actor user = new Actor(newId(), Role.USER);
        Actor other = new Actor(newId(), Role.USER);
        service.like(user, LikeTarget.POST, post);
        service.like(other, LikeTarget.POST, post);

        runConcurrently(50, i -> {
            service.unlike(user, LikeTarget.POST, post);
            return null;
        });

        assertThat(postLikes(post)).isEqualTo(1);
        assertThat(standing(LikeTarget.POST, post)).isEqualTo(1);
        runConcurrently(20, i -> {
            service.unlike(other, LikeTarget.POST, post);
            return null;
        });
        assertThat(postLikes(post)).isZero();
        assertThat(raw("SELECT MIN(like_count) FROM post WHERE id = ?", post)).isZero();
    }

    /** Likes and unlikes of one user racing: whatever wins, the counter equals the standing likes. */
    @Test
    void racingLikesAndUnlikesKeepTheCounterEqualToTheStandingLikes() throws Exception {
        long post = newPost();
        Comment comment = comments.create(new Actor(newId(), Role.USER), post, "c", null, "::1");
        List<Actor> users =
                List.of(new Actor(newId(), Role.USER), new Actor(newId(), Role.USER), new Actor(newId(), Role.USER));

        runConcurrently(48, i -> {
            Actor user = users.get(i % users.size());
            LikeTarget target = i % 2 == 0 ? LikeTarget.POST : LikeTarget.COMMENT;
            long obj = target == LikeTarget.POST ? post : comment.id();
            if ((i / 6) % 2 == 0) {
                service.like(user, target, obj);
            } else {
                service.unlike(user, target, obj);
            }
            return null;
        });

        assertThat(postLikes(post)).isEqualTo(standing(LikeTarget.POST, post));
        assertThat(commentLikes(comment.id())).isEqualTo(standing(LikeTarget.COMMENT, comment.id()));
        assertThat(rows(LikeTarget.POST, post)).isLessThanOrEqualTo(3);
        Comment after = comments.get(comment.id());
        assertThat(after.score()).isCloseTo(CommentScore.score(after.createdAt(), after.likeCount(), 0), within(1e-9));
    }

    @Test
    void likesOnACommentMoveItsCounterAndTheListNeedsALiveTarget() {
        long post = newPost();
        Actor author = new Actor(newId(), Role.USER);
        Actor fan = new Actor(newId(), Role.USER);
        Comment comment = comments.create(author, post, "c", null, "::1");

        service.like(fan, LikeTarget.COMMENT, comment.id());
        service.like(fan, LikeTarget.COMMENT, comment.id());

        assertThat(commentLikes(comment.id())).isEqualTo(1);
        assertThat(postLikes(post)).isZero();
        assertThat(service.listForComment(comment.id(), ALL).items())
                .extracting(Like::userId)
                .containsExactly(fan.userId());

        comments.delete(author, comment.id(), io.community.creation.api.DelFlag.BY_OWNER);
        assertNotFound(() -> service.like(fan, LikeTarget.COMMENT, comment.id()));
        assertNotFound(() -> service.listForComment(comment.id(), ALL));
        posts.softDelete(post, io.community.creation.api.DelFlag.BY_OWNER, T0.plusSeconds(1));
        assertNotFound(() -> service.like(fan, LikeTarget.POST, post));
        assertNotFound(() -> service.listForPost(post, ALL));
        assertThat(rows(LikeTarget.POST, post)).isZero();
    }
}
