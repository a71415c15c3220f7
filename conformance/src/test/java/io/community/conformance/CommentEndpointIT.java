package io.community.conformance;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The nine comment endpoints over real HTTP on MariaDB and Redis, with the REST contract's fields, statuses and codes. */
class CommentEndpointIT extends ConformanceTest {
    private static final String C = "/api/v1/comment";

    private Session admin;

    private Session admin() {
        if (admin == null) {
            long id = register(ADMIN_EMAIL, "password-admin");
            admin = new Session(id, ADMIN_EMAIL, login(ADMIN_EMAIL, "password-admin"));
        }
        return admin;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Api.Answer answer, String key) {
        return (Map<String, Object>) answer.data().get(key);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Api.Answer answer, String key) {
        return (List<Map<String, Object>>) answer.data().get(key);
    }

    static long id(Map<String, Object> object) {
        return ((Number) object.get("id")).longValue();
    }

    static long number(Map<String, Object> object, String key) {
        return ((Number) object.get(key)).longValue();
    }

    static List<Long> ids(Api.Answer answer, String key) {
        return list(answer, key).stream().map(CommentEndpointIT::id).toList();
    }

    long newPost(Session author) {
        Api.Answer post = api.post("/api/v1/post", author.token(), Map.of("title", "a post", "text", "hello"));
        assertOk(post);
        return id(object(post, "post"));
    }

    Map<String, Object> post(long id, Session viewer) {
        Api.Answer post = api.get("/api/v1/post/" + id, viewer.token());
        assertOk(post);
        return object(post, "post");
    }

    long commentOn(long postId, Session author, String content) {
        Api.Answer created = api.post(C, author.token(), Map.of("postId", postId, "content", content));
        assertOk(created);
        return id(object(created, "comment"));
    }

    long replyTo(long commentId, Session author, String content) {
        Api.Answer created = api.post(C + "/reply", author.token(), Map.of("commentId", commentId, "content", content));
        assertOk(created);
        return id(object(created, "comment"));
    }

    Map<String, Object> comment(long id, Session viewer) {
        Api.Answer got = api.get(C + "/" + id, viewer.token());
        assertOk(got);
        return object(got, "comment");
    }

    static Map<String, Object> page(Object... keyValues) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            body.put((String) keyValues[i], keyValues[i + 1]);
        }
        return body;
    }

    @Test
    void commentReplyReadEditAndList() {
        Session alice = newUser("alice");
        Session bob = newUser("bob");
        long post = newPost(alice);

        // "ip", "delFlag", "likeCount" and "userId"-like server-owned fields in the body are ignored
        Api.Answer created = api.post(
                C,
                bob.token(),
                Map.of(
                        "postId",
                        post,
                        "userId",
                        bob.id(),
                        "content",
                        "first 😀",
                        "deviceType",
                        "android",
                        "ip",
                        "6.6.6.6",
                        "delFlag",
                        2,
                        "likeCount",
                        99));
        assertOk(created);
        Map<String, Object> comment = object(created, "comment");
        long id = id(comment);
        assertThat(comment)
                .containsOnlyKeys(
                        "id",
                        "postId",
                        "userId",
                        "content",
                        "parentId",
                        "replyCount",
                        "likeCount",
                        "score",
                        "delFlag",
                        "createdAt",
                        "updatedAt",
                        "deviceType",
                        "ip",
                        "author");
        assertThat(number(comment, "postId")).isEqualTo(post);
        assertThat(number(comment, "userId")).isEqualTo(bob.id());
        assertThat(comment)
                .containsEntry("content", "first 😀")
                .containsEntry("deviceType", "android")
                .containsEntry("ip", "127.0.0.1")
                .containsEntry("parentId", 0)
                .containsEntry("replyCount", 0)
                .containsEntry("likeCount", 0)
                .containsEntry("delFlag", 0);
        long createdAt = number(comment, "createdAt");
        assertThat(createdAt).isCloseTo(System.currentTimeMillis() / 1000, within(60L));
        assertThat(number(comment, "updatedAt")).isEqualTo(createdAt);
        assertThat(((Number) comment.get("score")).doubleValue()).isCloseTo(createdAt / 45000d, within(3e-5));
        @SuppressWarnings("unchecked")
        Map<String, Object> author = (Map<String, Object>) comment.get("author");
        // nickName and avatar are empty for a new user and must still be there
        assertThat(author).containsOnlyKeys("id", "name", "nickName", "avatar");
        assertThat(number(author, "id")).isEqualTo(bob.id());
        assertThat((String) author.get("name")).startsWith("bob-");
        assertThat(number(post(post, alice), "commentCount")).isEqualTo(1);
        // the sender's address is for the author (and admins) only
        Map<String, Object> seenByAlice = new java.util.HashMap<>(comment);
        seenByAlice.put("ip", "");
        assertThat(comment(id, alice)).isEqualTo(seenByAlice);
        assertThat(comment(id, bob)).isEqualTo(comment);

        Api.Answer replied = api.post(
                C + "/reply",
                alice.token(),
                Map.of("commentId", id, "userId", alice.id(), "content", "a reply", "ip", "6.6.6.6"));
        assertOk(replied);
        Map<String, Object> reply = object(replied, "comment");
        assertThat(number(reply, "parentId")).isEqualTo(id);
        assertThat(number(reply, "postId")).isEqualTo(post);
        assertThat(reply).containsEntry("ip", "127.0.0.1").containsEntry("deviceType", "");
        assertThat(number(comment(id, alice), "replyCount")).isEqualTo(1);
        assertThat(number(post(post, alice), "commentCount")).isEqualTo(2);

        assertOk(api.put(C + "/update", bob.token(), Map.of("id", id, "content", "edited")));
        assertThat(comment(id, alice)).containsEntry("content", "edited");

        Api.Answer latest = api.post(C + "/latest/list", alice.token(), page("postId", post, "page", 0, "limit", 10));
        assertOk(latest);
        assertThat(ids(latest, "comments")).as("top-level only").containsExactly(id);
        assertThat(latest.dataLong("total")).isEqualTo(1);
        assertThat(list(latest, "comments").get(0)).containsKey("author");
        Api.Answer hot = api.post(C + "/hot/list", alice.token(), page("postId", post, "page", 0, "limit", 10));
        assertOk(hot);
        assertThat(ids(hot, "comments")).containsExactly(id);
        Api.Answer replies = api.post(C + "/reply/list", bob.token(), page("commentId", id, "page", 0, "limit", 10));
        assertOk(replies);
        assertThat(ids(replies, "comments")).containsExactly(id(reply));
        assertThat(replies.dataLong("total")).isEqualTo(1);
        Api.Answer byIds = api.post(C + "/list/ids", bob.token(), Map.of("ids", List.of(id(reply), 999_999, id)));
        assertOk(byIds);
        assertThat(ids(byIds, "comments")).containsExactly(id(reply), id);
        assertThat(list(byIds, "comments")).allSatisfy(c -> assertThat(c).containsKey("author"));
    }

    @Test
    void emptyListsAreEmptyArrays() {
        Session alice = newUser("empty");
        long post = newPost(alice);
        long c = commentOn(post, alice, "lonely");

        Api.Answer latest = api.post(C + "/latest/list", alice.token(), page("postId", post, "page", 3, "limit", 10));
        assertOk(latest);
        assertThat(latest.raw()).contains("\"comments\":[]").contains("\"total\":1");
        Api.Answer replies = api.post(C + "/reply/list", alice.token(), page("commentId", c, "page", 0, "limit", 10));
        assertThat(replies.raw()).contains("\"comments\":[]").contains("\"total\":0");
        Api.Answer byIds = api.post(C + "/list/ids", alice.token(), Map.of("ids", List.of(424242)));
        assertThat(byIds.raw()).contains("\"comments\":[]");
    }

    @Test
    void aReplyToAReplyIsRefused() {
        Session alice = newUser("nest");
        long post = newPost(alice);
        long parent = commentOn(post, alice, "parent");
        long reply = replyTo(parent, alice, "reply");

        assertError(api.post(C + "/reply", alice.token(), Map.of("commentId", reply, "content", "deeper")), 400, 20210);

        assertThat(number(comment(reply, alice), "replyCount")).isZero();
        assertThat(number(post(post, alice), "commentCount")).isEqualTo(2);
    }

    @Test
    void deletingACommentTakesItsRepliesAndFixesTheCounters() {
        Session alice = newUser("cascade");
        Session bob = newUser("cascade-bob");
        long post = newPost(alice);
        long parent = commentOn(post, alice, "parent");
        long r1 = replyTo(parent, bob, "r1");
        long r2 = replyTo(parent, alice, "r2");
        long r3 = replyTo(parent, bob, "r3");
        long other = commentOn(post, bob, "other");
        assertThat(number(post(post, alice), "commentCount")).isEqualTo(5);

        // deleting a reply: the parent loses one reply, the post one comment
        assertOk(api.post(C + "/delete", bob.token(), Map.of("id", r3, "userId", bob.id(), "delFlag", 1)));
        assertThat(number(comment(parent, alice), "replyCount")).isEqualTo(2);
        assertThat(number(post(post, alice), "commentCount")).isEqualTo(4);
        assertError(api.get(C + "/" + r3, alice.token()), 404, 10004);

        // deleting the parent: it and its two live replies, three in all
        assertOk(api.post(C + "/delete", alice.token(), Map.of("id", parent, "delFlag", 1)));
        assertThat(number(post(post, alice), "commentCount")).isEqualTo(1);
        for (long id : List.of(parent, r1, r2)) {
            assertError(api.get(C + "/" + id, bob.token()), 404, 10004);
        }
        assertError(
                api.post(C + "/reply/list", bob.token(), page("commentId", parent, "page", 0, "limit", 10)),
                404,
                10004);
        assertThat(ids(
                        api.post(C + "/list/ids", bob.token(), Map.of("ids", List.of(r1, parent, other, r2))),
                        "comments"))
                .containsExactly(other);
        assertThat(ids(
                        api.post(C + "/latest/list", bob.token(), page("postId", post, "page", 0, "limit", 10)),
                        "comments"))
                .containsExactly(other);
        assertThat(rawLong("SELECT COUNT(*) FROM `comment` WHERE post_id = ? AND del_flag = 1", post))
                .isEqualTo(4);

        // a second delete finds nothing and changes nothing
        assertError(api.post(C + "/delete", alice.token(), Map.of("id", parent, "delFlag", 1)), 404, 10004);
        assertError(api.post(C + "/delete", bob.token(), Map.of("id", r1, "delFlag", 1)), 404, 10004);
        assertThat(number(post(post, alice), "commentCount")).isEqualTo(1);
    }

    @Test
    void deletingThePostHidesItsComments() {
        Session alice = newUser("postgone");
        long post = newPost(alice);
        long parent = commentOn(post, alice, "parent");
        long reply = replyTo(parent, alice, "reply");
        long keptPost = newPost(alice);
        long kept = commentOn(keptPost, alice, "kept");

        assertOk(api.post("/api/v1/post/delete", alice.token(), Map.of("id", post, "delFlag", 1)));

        assertError(api.get(C + "/" + parent, alice.token()), 404, 10004);
        assertError(api.get(C + "/" + reply, alice.token()), 404, 10004);
        assertError(
                api.post(C + "/latest/list", alice.token(), page("postId", post, "page", 0, "limit", 10)), 404, 10004);
        assertError(api.post(C + "/hot/list", alice.token(), page("postId", post, "page", 0, "limit", 10)), 404, 10004);
        assertError(
                api.post(C + "/reply/list", alice.token(), page("commentId", parent, "page", 0, "limit", 10)),
                404,
                10004);
        assertError(api.post(C, alice.token(), Map.of("postId", post, "content", "late")), 404, 10004);
        assertError(api.post(C + "/reply", alice.token(), Map.of("commentId", parent, "content", "late")), 404, 10004);
        assertError(api.put(C + "/update", alice.token(), Map.of("id", parent, "content", "late")), 404, 10004);
        assertThat(ids(
                        api.post(C + "/list/ids", alice.token(), Map.of("ids", List.of(parent, reply, kept))),
                        "comments"))
                .containsExactly(kept);
    }

    @Test
    void onlyTheAuthorEditsAndDeletesAndAnAdminDeletesAsAdmin() {
        Session alice = newUser("owner");
        Session bob = newUser("intruder");
        long post = newPost(alice);
        long c = commentOn(post, alice, "mine");

        assertError(api.put(C + "/update", bob.token(), Map.of("id", c, "content", "hijacked")), 403, 10008);
        assertError(api.post(C + "/delete", bob.token(), Map.of("id", c, "delFlag", 1)), 403, 10008);
        assertError(api.post(C + "/delete", bob.token(), Map.of("id", c, "delFlag", 2)), 403, 10008);
        assertError(api.post(C + "/delete", alice.token(), Map.of("id", c, "delFlag", 2)), 403, 10008);
        assertError(
                api.post(C + "/delete", alice.token(), Map.of("id", c, "userId", bob.id(), "delFlag", 1)), 403, 10008);
        assertError(
                api.post(C, bob.token(), Map.of("postId", post, "userId", alice.id(), "content", "as alice")),
                403,
                10008);
        assertError(
                api.post(C + "/reply", bob.token(), Map.of("commentId", c, "userId", alice.id(), "content", "x")),
                403,
                10008);
        assertError(api.post(C + "/delete", alice.token(), Map.of("id", c, "delFlag", 0)), 400, 10001);
        assertError(api.post(C + "/delete", alice.token(), Map.of("id", c, "delFlag", 3)), 400, 10001);
        assertThat(comment(c, alice)).containsEntry("content", "mine");
        assertThat(number(post(post, alice), "commentCount")).isEqualTo(1);

        Session admin = admin();
        assertError(api.post(C + "/delete", admin.token(), Map.of("id", c, "delFlag", 1)), 403, 10008);
        assertOk(api.post(C + "/delete", admin.token(), Map.of("id", c, "delFlag", 2)));

        assertError(api.get(C + "/" + c, alice.token()), 404, 10004);
        assertThat(rawLong("SELECT del_flag FROM `comment` WHERE id = ?", c)).isEqualTo(2);
        assertThat(number(post(post, alice), "commentCount")).isZero();
    }

    @Test
    void hotOrderFollowsTheScoreFormula() {
        Session alice = newUser("hot");
        List<Session> fans = List.of(newUser("fan1"), newUser("fan2"), newUser("fan3"));
        long post = newPost(alice);
        long discussed = commentOn(post, alice, "discussed");
        long liked = commentOn(post, alice, "liked");
        long quiet = commentOn(post, alice, "quiet");
        replyTo(discussed, fans.get(0), "r1");
        replyTo(discussed, fans.get(1), "r2");
        for (Session fan : fans) {
            assertOk(api.post("/api/v1/like", fan.token(), Map.of("objType", 2, "objId", liked)));
        }

        Api.Answer hot = api.post(C + "/hot/list", alice.token(), page("postId", post, "page", 0, "limit", 10));
        Api.Answer latest = api.post(C + "/latest/list", alice.token(), page("postId", post, "page", 0, "limit", 10));

        // discussed: log10(1 + 3·2) = 0.85; liked: log10(1 + 2·3) = 0.85 too, but created later; quiet: 0
        assertThat(ids(hot, "comments")).containsExactly(liked, discussed, quiet);
        assertThat(ids(latest, "comments")).containsExactly(quiet, liked, discussed);
        for (Map<String, Object> c : list(hot, "comments")) {
            double expected = Math.log10(1 + 2d * number(c, "likeCount") + 3d * number(c, "replyCount"))
                    + number(c, "createdAt") / 45000d;
            // createdAt is whole seconds on the wire; the score uses microseconds: 1 s is worth 2.2e-5
            assertThat(((Number) c.get("score")).doubleValue())
                    .as("score of %s", c.get("id"))
                    .isCloseTo(expected, within(3e-5));
        }
        assertThat(number(list(hot, "comments").get(0), "likeCount")).isEqualTo(3);
        assertThat(number(list(hot, "comments").get(1), "replyCount")).isEqualTo(2);
    }

    @Test
    void badInputIsA400AndAbsentThingsA404() {
        Session alice = newUser("bad");
        long post = newPost(alice);
        long c = commentOn(post, alice, "c");

        assertError(api.post(C, alice.token(), Map.of("postId", post)), 400, 10001);
        assertError(api.post(C, alice.token(), Map.of("postId", post, "content", "")), 400, 10001);
        assertError(api.post(C, alice.token(), Map.of("postId", post, "content", "x".repeat(2001))), 400, 10001);
        assertOk(api.post(C, alice.token(), Map.of("postId", post, "content", "😀".repeat(2000))));
        assertError(
                api.post(C, alice.token(), Map.of("postId", post, "content", "x", "deviceType", "d".repeat(51))),
                400,
                10001);
        assertError(api.post(C, alice.token(), Map.of("content", "no post")), 400, 10001);
        assertError(api.post(C, alice.token(), Map.of("postId", "abc", "content", "x")), 400, 10001);
        assertError(api.post(C, alice.token(), Map.of("postId", 987_654, "content", "x")), 404, 10004);
        assertError(api.post(C + "/reply", alice.token(), Map.of("commentId", 987_654, "content", "x")), 404, 10004);
        assertError(api.post(C + "/reply", alice.token(), Map.of("commentId", c, "content", " ")), 400, 10001);
        assertError(api.put(C + "/update", alice.token(), Map.of("id", c, "content", "")), 400, 10001);
        assertError(api.put(C + "/update", alice.token(), Map.of("id", 987_654, "content", "x")), 404, 10004);
        assertError(api.get(C + "/987654", alice.token()), 404, 10004);
        assertError(api.post(C + "/delete", alice.token(), Map.of("id", 987_654, "delFlag", 1)), 404, 10004);
        assertError(api.post(C + "/delete", alice.token(), Map.of("id", c)), 400, 10001);

        for (String path : List.of("/latest/list", "/hot/list")) {
            assertError(api.post(C + path, alice.token(), page("postId", post, "page", 0, "limit", 0)), 400, 10001);
            assertError(api.post(C + path, alice.token(), page("postId", post, "page", 0, "limit", 101)), 400, 10001);
            assertError(api.post(C + path, alice.token(), page("postId", post, "page", -1, "limit", 10)), 400, 10001);
            assertError(api.post(C + path, alice.token(), page("postId", 987_654, "page", 0, "limit", 10)), 404, 10004);
            assertOk(api.post(C + path, alice.token(), page("postId", post, "page", 0, "limit", 100)));
        }
        assertError(
                api.post(C + "/reply/list", alice.token(), page("commentId", c, "page", 0, "limit", 0)), 400, 10001);
        assertError(
                api.post(C + "/reply/list", alice.token(), page("commentId", c, "page", 0, "limit", 101)), 400, 10001);
        assertError(
                api.post(C + "/reply/list", alice.token(), page("commentId", c, "page", -1, "limit", 1)), 400, 10001);
        assertError(
                api.post(C + "/reply/list", alice.token(), page("commentId", 987_654, "page", 0, "limit", 1)),
                404,
                10004);

        assertError(api.post(C + "/list/ids", alice.token(), Map.of("ids", List.of())), 400, 10001);
        assertError(
                api.post(
                        C + "/list/ids",
                        alice.token(),
                        Map.of("ids", LongStream.rangeClosed(1, 101).boxed().toList())),
                400,
                10001);
        assertOk(api.post(
                C + "/list/ids",
                alice.token(),
                Map.of("ids", LongStream.rangeClosed(1, 100).boxed().toList())));

        assertError(api.post(C, null, Map.of("postId", post, "content", "x")), 401, 20615);
        assertError(api.get(C + "/" + c, "not-a-token"), 401, 20612);
        assertThat(number(post(post, alice), "commentCount")).isEqualTo(2);
    }

    @Test
    void theIpIsTheConnectionsAlsoForRepliesAndAnIpv6StaysIntact() {
        Session alice = newUser("ip");
        long post = newPost(alice);
        Map<String, Object> body = new HashMap<>();
        body.put("postId", post);
        body.put("content", "x");
        body.put("ip", "2001:db8::dead:beef");
        Api.Answer created = api.post(C, alice.token(), body);

        assertThat(object(created, "comment")).containsEntry("ip", "127.0.0.1");
        assertThat(rawString("SELECT ip FROM `comment` WHERE id = ?", id(object(created, "comment"))))
                .isEqualTo("127.0.0.1");
    }

    @Test
    void concurrentRepliesAllCount() throws Exception {
        Session alice = newUser("busy");
        long post = newPost(alice);
        long parent = commentOn(post, alice, "parent");
        List<Session> repliers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            repliers.add(newUser("replier" + i));
        }

        List<Api.Answer> answers = concurrently(
                20,
                i -> api.post(
                        C + "/reply", repliers.get(i % 5).token(), Map.of("commentId", parent, "content", "r" + i)));

        assertThat(answers).allSatisfy(ConformanceTest::assertOk);
        assertThat(number(comment(parent, alice), "replyCount")).isEqualTo(20);
        assertThat(number(post(post, alice), "commentCount")).isEqualTo(21);
        assertThat(rawLong("SELECT COUNT(*) FROM `comment` WHERE parent_id = ?", parent))
                .isEqualTo(20);
    }

    /** Runs {@code n} calls at once (released together) and returns their results in call order. */
    static <T> List<T> concurrently(int n, IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    long rawLong(String sql, long param) {
        try (Connection c = deployment.connect(Deployment.Context.CREATION);
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, param);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String rawString(String sql, long param) {
        try (Connection c = deployment.connect(Deployment.Context.CREATION);
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, param);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
