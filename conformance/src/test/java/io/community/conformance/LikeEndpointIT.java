package io.community.conformance;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.community.conformance.CommentEndpointIT.concurrently;
import static io.community.conformance.CommentEndpointIT.id;
import static io.community.conformance.CommentEndpointIT.list;
import static io.community.conformance.CommentEndpointIT.number;
import static io.community.conformance.CommentEndpointIT.object;
import static io.community.conformance.CommentEndpointIT.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The four like endpoints over real HTTP on MariaDB and Redis: idempotency under concurrency, counters, lists. */
class LikeEndpointIT extends ConformanceTest {
    private static final String L = "/api/v1/like";
    private static final int POST = 1;
    private static final int COMMENT = 2;

    long newPost(Session author) {
        Api.Answer post = api.post("/api/v1/post", author.token(), Map.of("title", "a post", "text", "hello"));
        assertOk(post);
        return id(object(post, "post"));
    }

    long newComment(long postId, Session author) {
        Api.Answer comment = api.post("/api/v1/comment", author.token(), Map.of("postId", postId, "content", "c"));
        assertOk(comment);
        return id(object(comment, "comment"));
    }

    long postLikes(long postId, Session viewer) {
        Api.Answer post = api.get("/api/v1/post/" + postId, viewer.token());
        assertOk(post);
        return number(object(post, "post"), "likeCount");
    }

    Map<String, Object> comment(long commentId, Session viewer) {
        Api.Answer comment = api.get("/api/v1/comment/" + commentId, viewer.token());
        assertOk(comment);
        return object(comment, "comment");
    }

    Api.Answer like(Session who, int objType, long objId) {
        return api.post(L, who.token(), Map.of("objType", objType, "objId", objId));
    }

    Api.Answer unlike(Session who, int objType, long objId) {
        return api.post(L + "/delete", who.token(), Map.of("objType", objType, "objId", objId));
    }

    @Test
    void likeUnlikeLikeAgainAndList() {
        Session alice = newUser("liked");
        Session bob = newUser("liker");
        Session carol = newUser("liker2");
        long post = newPost(alice);

        assertOk(api.post(L, bob.token(), Map.of("userId", bob.id(), "objType", POST, "objId", post)));
        assertOk(like(bob, POST, post));
        assertOk(like(carol, POST, post));
        assertThat(postLikes(post, alice)).isEqualTo(2);

        Api.Answer listed = api.post(L + "/post/list", alice.token(), page("postId", post, "page", 0, "limit", 10));
        assertOk(listed);
        assertThat(listed.dataLong("total")).isEqualTo(2);
        List<Map<String, Object>> likes = list(listed, "likes");
        assertThat(likes).extracting(l -> number(l, "userId")).containsExactly(carol.id(), bob.id());
        Map<String, Object> first = likes.get(0);
        assertThat(first).containsOnlyKeys("id", "userId", "objType", "objId", "status", "createdAt", "updatedAt");
        assertThat(first).containsEntry("objType", POST).containsEntry("status", 1);
        assertThat(number(first, "objId")).isEqualTo(post);
        assertThat(number(first, "createdAt")).isCloseTo(System.currentTimeMillis() / 1000, within(60L));

        assertOk(api.post(L + "/delete", bob.token(), Map.of("userId", bob.id(), "objType", POST, "objId", post)));
        assertOk(unlike(bob, POST, post));
        assertOk(unlike(alice, POST, post)); // never liked: nothing to withdraw
        assertThat(postLikes(post, alice)).isEqualTo(1);
        Api.Answer afterUnlike =
                api.post(L + "/post/list", alice.token(), page("postId", post, "page", 0, "limit", 10));
        assertThat(list(afterUnlike, "likes"))
                .extracting(l -> number(l, "userId"))
                .containsExactly(carol.id());

        assertOk(like(bob, POST, post));
        assertThat(postLikes(post, alice)).as("like again after unlike").isEqualTo(2);
        Api.Answer again = api.post(L + "/post/list", alice.token(), page("postId", post, "page", 0, "limit", 1));
        assertThat(list(again, "likes")).extracting(l -> number(l, "userId")).containsExactly(bob.id());
        assertThat(again.dataLong("total")).isEqualTo(2);
        assertThat(rawLong("SELECT COUNT(*) FROM user_like WHERE obj_type = 1 AND obj_id = ?", post))
                .isEqualTo(2);
    }

    @Test
    void likesOnCommentsCountOnTheCommentAndMoveItsScore() {
        Session alice = newUser("commenter");
        Session bob = newUser("fan");
        long post = newPost(alice);
        long comment = newComment(post, alice);
        double before = ((Number) comment(comment, alice).get("score")).doubleValue();

        assertOk(like(bob, COMMENT, comment));
        assertOk(like(bob, COMMENT, comment));

        Map<String, Object> liked = comment(comment, alice);
        assertThat(number(liked, "likeCount")).isEqualTo(1);
        assertThat(((Number) liked.get("score")).doubleValue()).isCloseTo(before + Math.log10(3), within(1e-9));
        assertThat(postLikes(post, alice)).isZero();
        Api.Answer listed =
                api.post(L + "/comment/list", alice.token(), page("commentId", comment, "page", 0, "limit", 5));
        assertOk(listed);
        assertThat(list(listed, "likes")).singleElement().satisfies(l -> {
            assertThat(number(l, "userId")).isEqualTo(bob.id());
            assertThat(l).containsEntry("objType", COMMENT);
        });

        assertOk(unlike(bob, COMMENT, comment));
        assertThat(number(comment(comment, alice), "likeCount")).isZero();
        Api.Answer empty =
                api.post(L + "/comment/list", alice.token(), page("commentId", comment, "page", 0, "limit", 5));
        assertThat(empty.raw()).contains("\"likes\":[]").contains("\"total\":0");
    }

    @Test
    void fiftyConcurrentIdenticalLikesLeaveOneRowAndCountOnce() throws Exception {
        Session alice = newUser("popular");
        Session bob = newUser("eager");
        long post = newPost(alice);
        long comment = newComment(post, alice);

        List<Api.Answer> onPost = concurrently(50, i -> like(bob, POST, post));
        List<Api.Answer> onComment = concurrently(50, i -> like(bob, COMMENT, comment));

        assertThat(onPost).allSatisfy(ConformanceTest::assertOk);
        assertThat(onComment).allSatisfy(ConformanceTest::assertOk);
        assertThat(rawLong("SELECT COUNT(*) FROM user_like WHERE obj_type = 1 AND obj_id = ?", post))
                .isEqualTo(1);
        assertThat(rawLong("SELECT COUNT(*) FROM user_like WHERE obj_type = 2 AND obj_id = ?", comment))
                .isEqualTo(1);
        assertThat(postLikes(post, alice)).isEqualTo(1);
        assertThat(number(comment(comment, alice), "likeCount")).isEqualTo(1);
    }

    @Test
    void concurrentUnlikesNeverDriveTheCounterBelowZero() throws Exception {
        Session alice = newUser("fading");
        Session bob = newUser("fickle");
        long post = newPost(alice);
        long comment = newComment(post, alice);
        assertOk(like(bob, POST, post));
        assertOk(like(bob, COMMENT, comment));

        List<Api.Answer> answers =
                concurrently(50, i -> i % 2 == 0 ? unlike(bob, POST, post) : unlike(bob, COMMENT, comment));

        assertThat(answers).allSatisfy(ConformanceTest::assertOk);
        // raw columns: a negative would show here even where a view clamps it
        assertThat(rawLong("SELECT like_count FROM post WHERE id = ?", post)).isZero();
        assertThat(rawLong("SELECT like_count FROM `comment` WHERE id = ?", comment))
                .isZero();
        assertThat(rawLong("SELECT COUNT(*) FROM user_like WHERE obj_id IN (?, ?) AND status = 1", post, comment))
                .isZero();

        // and racing likes and unlikes end with the counter equal to the standing likes
        concurrently(40, i -> i % 2 == 0 ? like(bob, POST, post) : unlike(bob, POST, post));
        assertThat(rawLong("SELECT like_count FROM post WHERE id = ?", post))
                .isEqualTo(rawLong(
                        "SELECT COUNT(*) FROM user_like WHERE obj_type = 1 AND obj_id = ? AND status = 1", post));
    }

    @Test
    void theTargetMustBeLive() {
        Session alice = newUser("gone");
        Session bob = newUser("late");
        long post = newPost(alice);
        long comment = newComment(post, alice);
        long deletedComment = newComment(post, alice);
        assertOk(api.post("/api/v1/comment/delete", alice.token(), Map.of("id", deletedComment, "delFlag", 1)));

        assertError(like(bob, POST, 987_654), 404, 10004);
        assertError(like(bob, COMMENT, 987_654), 404, 10004);
        assertError(like(bob, COMMENT, deletedComment), 404, 10004);
        // taking back stays idempotent after the target is gone
        assertOk(unlike(bob, COMMENT, deletedComment));
        assertError(
                api.post(L + "/comment/list", bob.token(), page("commentId", deletedComment, "page", 0, "limit", 5)),
                404,
                10004);

        assertOk(like(bob, POST, post));
        assertOk(api.post("/api/v1/post/delete", alice.token(), Map.of("id", post, "delFlag", 1)));
        // a like on a post deleted since can still be taken back, and its hidden counter follows
        assertOk(unlike(bob, POST, post));
        assertThat(rawLong("SELECT like_count FROM post WHERE id = ?", post)).isZero();
        assertError(like(bob, POST, post), 404, 10004);
        assertError(like(bob, COMMENT, comment), 404, 10004);
        assertError(api.post(L + "/post/list", bob.token(), page("postId", post, "page", 0, "limit", 5)), 404, 10004);
        assertError(
                api.post(L + "/comment/list", bob.token(), page("commentId", comment, "page", 0, "limit", 5)),
                404,
                10004);
        assertThat(rawLong("SELECT COUNT(*) FROM user_like WHERE user_id = ? AND status = 1", bob.id()))
                .isZero();
    }

    @Test
    void badInputIsA400AndAnotherUserIdA403() {
        Session alice = newUser("strict");
        Session bob = newUser("sloppy");
        long post = newPost(alice);
        long comment = newComment(post, alice);

        assertError(like(bob, 3, post), 400, 10001);
        assertError(like(bob, 0, post), 400, 10001);
        assertError(unlike(bob, 3, post), 400, 10001);
        assertError(api.post(L, bob.token(), Map.of("objId", post)), 400, 10001);
        assertError(api.post(L, bob.token(), Map.of("objType", POST)), 400, 10001);
        assertError(api.post(L, bob.token(), Map.of("objType", "post", "objId", post)), 400, 10001);
        assertError(api.post(L, bob.token(), Map.of("userId", alice.id(), "objType", POST, "objId", post)), 403, 10008);
        assertError(
                api.post(L + "/delete", bob.token(), Map.of("userId", alice.id(), "objType", POST, "objId", post)),
                403,
                10008);

        for (Map<String, Object> body : List.of(
                page("postId", post, "page", 0, "limit", 0),
                page("postId", post, "page", 0, "limit", 101),
                page("postId", post, "page", -1, "limit", 10),
                page("page", 0, "limit", 10))) {
            assertError(api.post(L + "/post/list", bob.token(), body), 400, 10001);
        }
        for (Map<String, Object> body : List.of(
                page("commentId", comment, "page", 0, "limit", 0),
                page("commentId", comment, "page", 0, "limit", 101),
                page("commentId", comment, "page", -1, "limit", 10))) {
            assertError(api.post(L + "/comment/list", bob.token(), body), 400, 10001);
        }
        assertError(like(new Session(bob.id(), bob.email(), "forged"), POST, post), 401, 20612);
        assertThat(postLikes(post, alice)).isZero();
    }

    long rawLong(String sql, long... params) {
        try (Connection c = deployment.connect(Deployment.Context.CREATION);
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setLong(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
