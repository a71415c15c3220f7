package io.community.conformance;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The six relation endpoints over real HTTP on MariaDB and Redis, with the REST contract's statuses and codes. */
class RelationEndpointIT extends ConformanceTest {
    private static final String BASE = "/api/v1/relation";
    private static final long UNKNOWN = 999_999_999L;

    // --- helpers --------------------------------------------------------------------------------

    private Api.Answer follow(Session who, Object body) {
        return api.post(BASE + "/follow", who.token(), body);
    }

    private Api.Answer unfollow(Session who, Object body) {
        return api.post(BASE + "/unfollow", who.token(), body);
    }

    private Map<String, Object> counts(long userId, Session asker) {
        Api.Answer answer = api.get(BASE + "/count?userId=" + userId, asker.token());
        assertOk(answer);
        return answer.data();
    }

    private List<Long> following(long userId, int page, int limit, Session asker) {
        return ids(list("/following/list", userId, page, limit, asker), "followedUids");
    }

    private List<Long> followers(long userId, int page, int limit, Session asker) {
        return ids(list("/follower/list", userId, page, limit, asker), "followerUids");
    }

    private Api.Answer list(String path, long userId, int page, int limit, Session asker) {
        Api.Answer answer =
                api.get(BASE + path + "?userId=" + userId + "&page=" + page + "&limit=" + limit, asker.token());
        assertOk(answer);
        return answer;
    }

    private static List<Long> ids(Api.Answer answer, String key) {
        return ((List<?>) answer.data().get(key))
                .stream().map(n -> ((Number) n).longValue()).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> check(Session who, List<Long> uids) {
        Api.Answer answer = api.post(BASE + "/check/list", who.token(), Map.of("uids", uids));
        assertOk(answer);
        return (Map<String, Object>) answer.data().get("result");
    }

    private static List<String> fields(Api.Answer answer) {
        return fieldErrors(answer).stream().map(e -> (String) e.get("field")).toList();
    }

    /** Sends 50 requests at once; returns the statuses. */
    private Map<Integer, Integer> concurrently(IntFunction<Api.Answer> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int index = i;
                Callable<Api.Answer> call = () -> {
                    go.await();
                    return request.apply(index);
                };
                answers.add(pool.submit(call));
            }
            go.countDown();
            Map<Integer, Integer> byStatus = new HashMap<>();
            for (Future<Api.Answer> f : answers) {
                Api.Answer answer = f.get(120, TimeUnit.SECONDS);
                byStatus.merge(answer.status(), 1, Integer::sum);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            }
            return byStatus;
        } finally {
            pool.shutdownNow();
        }
    }

    private long rawLong(String sql) throws Exception {
        // the raw pool: the injected bean is Micronaut Data's contextual proxy, usable only inside a transaction
        try (Connection c = deployment.connect(Deployment.Context.RELATION);
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    private long followRows(Session a, Session b) throws Exception {
        return rawLong(
                "SELECT COUNT(*) FROM user_following WHERE user_id = " + a.id() + " AND followed_uid = " + b.id());
    }

    private long followerRows(Session a, Session b) throws Exception {
        return rawLong(
                "SELECT COUNT(*) FROM user_follower WHERE user_id = " + b.id() + " AND follower_uid = " + a.id());
    }

    /** The raw counter column; -1 when the user has no counter row yet. */
    private long rawCounter(String column, Session who) throws Exception {
        return rawLong("SELECT " + column + " FROM relation_num WHERE user_id = " + who.id());
    }

    // --- tests ----------------------------------------------------------------------------------

    @Test
    void followShowsInListsCountsAndChecksAndUnfollowTakesItBack() {
        Session a = newUser("fan");
        Session b = newUser("star");
        Session c = newUser("other");

        Api.Answer followed = follow(a, Map.of("followedUid", b.id()));
        assertOk(followed);
        assertThat(followed.raw()).isEqualTo("{\"code\":0,\"msg\":\"ok\",\"data\":{}}");

        assertThat(counts(a.id(), c)).isEqualTo(Map.of("followingNum", 1, "followerNum", 0));
        assertThat(counts(b.id(), c)).isEqualTo(Map.of("followingNum", 0, "followerNum", 1));
        Api.Answer list = list("/following/list", a.id(), 0, 10, c);
        assertThat(list.data()).isEqualTo(Map.of("followedUids", List.of((int) b.id()), "total", 1));
        assertThat(list("/follower/list", b.id(), 0, 10, c).data())
                .isEqualTo(Map.of("followerUids", List.of((int) a.id()), "total", 1));
        Api.Answer checked = api.post(BASE + "/check/list", a.token(), Map.of("uids", List.of(b.id(), c.id(), a.id())));
        assertOk(checked);
        assertThat(checked.raw())
                .contains("{\"result\":{\"" + b.id() + "\":1,\"" + c.id() + "\":0,\"" + a.id() + "\":0}}");
        // following is not mutual
        assertThat(check(b, List.of(a.id()))).isEqualTo(Map.of(String.valueOf(a.id()), 0));

        assertOk(unfollow(a, Map.of("followedUid", b.id())));
        assertThat(counts(a.id(), c)).isEqualTo(Map.of("followingNum", 0, "followerNum", 0));
        assertThat(counts(b.id(), c)).isEqualTo(Map.of("followingNum", 0, "followerNum", 0));
        Api.Answer empty = list("/following/list", a.id(), 0, 10, c);
        assertThat(empty.raw()).contains("\"data\":{\"followedUids\":[],\"total\":0}");
        assertThat(list("/follower/list", b.id(), 0, 10, c).raw())
                .contains("\"data\":{\"followerUids\":[],\"total\":0}");
        assertThat(check(a, List.of(b.id()))).isEqualTo(Map.of(String.valueOf(b.id()), 0));
    }

    @Test
    void followAndUnfollowAreIdempotentAndRefollowWorks() throws Exception {
        Session a = newUser("repeat");
        Session b = newUser("repeated");

        assertOk(follow(a, Map.of("followedUid", b.id())));
        assertOk(follow(a, Map.of("userId", a.id(), "followedUid", b.id())));
        assertThat(counts(b.id(), a)).containsEntry("followerNum", 1);

        assertOk(unfollow(a, Map.of("followedUid", b.id())));
        assertOk(unfollow(a, Map.of("userId", a.id(), "followedUid", b.id())));
        assertThat(counts(b.id(), a)).containsEntry("followerNum", 0);
        assertThat(counts(a.id(), a)).containsEntry("followingNum", 0);
        assertThat(rawCounter("following_num", a)).isZero();
        assertThat(rawCounter("follower_num", b)).isZero();

        // the reference answered 500 here
        assertOk(follow(a, Map.of("followedUid", b.id())));
        assertThat(counts(b.id(), a)).containsEntry("followerNum", 1);
        assertThat(followRows(a, b)).isEqualTo(1);
        assertThat(followerRows(a, b)).isEqualTo(1);
    }

    @Test
    void listsAreNewestFirstAndPaged() throws Exception {
        Session a = newUser("lister");
        Session b1 = newUser("first");
        Session b2 = newUser("second");
        Session b3 = newUser("third");
        for (Session b : List.of(b1, b2, b3)) {
            assertOk(follow(a, Map.of("followedUid", b.id())));
            assertOk(follow(b, Map.of("followedUid", b1.id() == b.id() ? b2.id() : b1.id())));
        }

        assertThat(following(a.id(), 0, 2, a)).containsExactly(b3.id(), b2.id());
        assertThat(following(a.id(), 1, 2, a)).containsExactly(b1.id());
        assertThat(following(a.id(), 5, 2, a)).isEmpty();
        assertThat(list("/following/list", a.id(), 5, 2, a).data()).containsEntry("total", 3);
        assertThat(followers(b1.id(), 0, 100, b1)).containsExactly(b3.id(), b2.id(), a.id());
        assertThat(list("/follower/list", b1.id(), 0, 100, b1).data()).containsEntry("total", 3);
    }

    @Test
    void everyEndpointNeedsAToken() {
        Session a = newUser("tokenless");
        assertError(api.post(BASE + "/follow", null, Map.of("followedUid", a.id())), 401, 20615);
        assertError(api.post(BASE + "/unfollow", null, Map.of("followedUid", a.id())), 401, 20615);
        assertError(api.get(BASE + "/following/list?userId=" + a.id() + "&page=0&limit=10", null), 401, 20615);
        assertError(api.get(BASE + "/follower/list?userId=" + a.id() + "&page=0&limit=10", null), 401, 20615);
        assertError(api.post(BASE + "/check/list", null, Map.of("uids", List.of(a.id()))), 401, 20615);
        assertError(api.get(BASE + "/count?userId=" + a.id(), null), 401, 20615);
        assertError(api.get(BASE + "/count?userId=" + a.id(), "not.a.token"), 401, 20612);
    }

    @Test
    void followingYourselfIsRejected() throws Exception {
        Session a = newUser("narcissus");
        assertError(follow(a, Map.of("followedUid", a.id())), 400, 20506);
        assertError(follow(a, Map.of("userId", a.id(), "followedUid", a.id())), 400, 20506);
        assertError(unfollow(a, Map.of("followedUid", a.id())), 400, 20506);
        assertThat(rawCounter("following_num", a)).isEqualTo(-1);
    }

    @Test
    void unknownAndDeletedUsersAreNotFound() {
        Session a = newUser("seeker");
        Session gone = newUser("gone");
        assertError(follow(a, Map.of("followedUid", UNKNOWN)), 404, 10004);
        assertError(api.get(BASE + "/following/list?userId=" + UNKNOWN + "&page=0&limit=10", a.token()), 404, 10004);
        assertError(api.get(BASE + "/follower/list?userId=" + UNKNOWN + "&page=0&limit=10", a.token()), 404, 10004);
        assertError(api.get(BASE + "/count?userId=" + UNKNOWN, a.token()), 404, 10004);
        // unknown ids in a check are simply not followed
        assertThat(check(a, List.of(UNKNOWN))).isEqualTo(Map.of(String.valueOf(UNKNOWN), 0));

        assertOk(follow(a, Map.of("followedUid", gone.id())));
        assertOk(api.delete("/api/v1/user/" + gone.id(), gone.token()));
        assertError(follow(a, Map.of("followedUid", gone.id())), 404, 10004);
        assertError(api.get(BASE + "/count?userId=" + gone.id(), a.token()), 404, 10004);
        // a follow of a user deleted since can still be removed
        assertOk(unfollow(a, Map.of("followedUid", gone.id())));
        assertThat(counts(a.id(), a)).containsEntry("followingNum", 0);
        // unfollowing someone who never existed changes nothing
        assertOk(unfollow(a, Map.of("followedUid", UNKNOWN)));
    }

    @Test
    void aUserIdOfSomeoneElseIsForbidden() {
        Session a = newUser("impostor");
        Session b = newUser("victim");
        Session c = newUser("target");
        assertError(follow(a, Map.of("userId", b.id(), "followedUid", c.id())), 403, 10008);
        assertError(unfollow(a, Map.of("userId", b.id(), "followedUid", c.id())), 403, 10008);
        assertError(
                api.post(BASE + "/check/list", a.token(), Map.of("userId", b.id(), "uids", List.of(c.id()))),
                403,
                10008);
        assertThat(counts(b.id(), a)).isEqualTo(Map.of("followingNum", 0, "followerNum", 0));
        assertThat(counts(c.id(), a)).isEqualTo(Map.of("followingNum", 0, "followerNum", 0));
    }

    @Test
    void pagingAndQueryValuesAreValidated() {
        Session a = newUser("pager");
        for (String path : List.of("/following/list", "/follower/list")) {
            String user = BASE + path + "?userId=" + a.id();
            Api.Answer zero = api.get(user + "&page=0&limit=0", a.token());
            assertError(zero, 400, 10001);
            assertThat(fields(zero)).containsExactly("limit");
            Api.Answer tooMany = api.get(user + "&page=0&limit=101", a.token());
            assertError(tooMany, 400, 10001);
            assertThat(fields(tooMany)).containsExactly("limit");
            Api.Answer negative = api.get(user + "&page=-1&limit=10", a.token());
            assertError(negative, 400, 10001);
            assertThat(fields(negative)).containsExactly("page");
            Api.Answer missing = api.get(BASE + path, a.token());
            assertError(missing, 400, 10001);
            assertThat(fields(missing)).containsExactlyInAnyOrder("userId", "page", "limit");
            assertError(api.get(user + "&page=x&limit=10", a.token()), 400, 10001);
            assertOk(api.get(user + "&page=0&limit=100", a.token()));
        }
        Api.Answer noUser = api.get(BASE + "/count", a.token());
        assertError(noUser, 400, 10001);
        assertThat(fields(noUser)).containsExactly("userId");
        assertError(api.get(BASE + "/count?userId=abc", a.token()), 400, 10001);
    }

    @Test
    void bodiesAreValidated() {
        Session a = newUser("checker");
        List<Long> hundred = LongStream.rangeClosed(1, 100).boxed().toList();
        assertThat(check(a, hundred)).hasSize(100);

        List<Long> tooMany = LongStream.rangeClosed(1, 101).boxed().toList();
        Api.Answer over = api.post(BASE + "/check/list", a.token(), Map.of("uids", tooMany));
        assertError(over, 400, 10001);
        assertThat(fields(over)).containsExactly("uids");
        Api.Answer empty = api.post(BASE + "/check/list", a.token(), Map.of("uids", List.of()));
        assertError(empty, 400, 10001);
        assertThat(fields(empty)).containsExactly("uids");
        Api.Answer absent = api.post(BASE + "/check/list", a.token(), Map.of());
        assertError(absent, 400, 10001);
        assertThat(fields(absent)).containsExactly("uids");
        assertError(api.post(BASE + "/check/list", a.token(), "{\"uids\":[1,null]}"), 400, 10001);
        assertError(api.post(BASE + "/check/list", a.token(), "{\"uids\":\"1,2\"}"), 400, 10001);

        Api.Answer noTarget = follow(a, Map.of());
        assertError(noTarget, 400, 10001);
        assertThat(fields(noTarget)).containsExactly("followedUid");
        assertThat(fields(unfollow(a, Map.of("userId", a.id())))).containsExactly("followedUid");
        assertError(follow(a, "{\"followedUid\":"), 400, 10001);
        assertError(follow(a, "{\"followedUid\":\"abc\"}"), 400, 10001);
    }

    @Test
    void fiftyConcurrentIdenticalFollowsLeaveOneRowAndCountOne() throws Exception {
        Session a = newUser("rush");
        Session b = newUser("rushed");

        concurrently(i -> follow(a, Map.of("followedUid", b.id())));

        assertThat(followRows(a, b)).isEqualTo(1);
        assertThat(followerRows(a, b)).isEqualTo(1);
        assertThat(rawCounter("following_num", a)).isEqualTo(1);
        assertThat(rawCounter("follower_num", b)).isEqualTo(1);
        assertThat(counts(b.id(), a)).isEqualTo(Map.of("followingNum", 0, "followerNum", 1));

        concurrently(i -> unfollow(a, Map.of("followedUid", b.id())));

        assertThat(followRows(a, b)).isZero();
        assertThat(followerRows(a, b)).isZero();
        assertThat(rawCounter("following_num", a)).isZero();
        assertThat(rawCounter("follower_num", b)).isZero();
        assertThat(counts(a.id(), b)).isEqualTo(Map.of("followingNum", 0, "followerNum", 0));

        // and once more after the unfollow, where InnoDB is most prone to deadlock the racers
        concurrently(i -> follow(a, Map.of("followedUid", b.id())));
        assertThat(followRows(a, b)).isEqualTo(1);
        assertThat(rawCounter("follower_num", b)).isEqualTo(1);
    }

    @Test
    void interleavedConcurrentFollowsAndUnfollowsEndConsistent() throws Exception {
        Session a = newUser("flip");
        Session b = newUser("flop");
        assertOk(follow(a, Map.of("followedUid", b.id())));

        concurrently(i ->
                i % 2 == 0 ? follow(a, Map.of("followedUid", b.id())) : unfollow(a, Map.of("followedUid", b.id())));

        long rows = followRows(a, b);
        assertThat(rows).isBetween(0L, 1L);
        assertThat(followerRows(a, b)).isEqualTo(rows);
        assertThat(rawCounter("following_num", a)).isEqualTo(rows);
        assertThat(rawCounter("follower_num", b)).isEqualTo(rows);
        assertThat(counts(a.id(), a)).containsEntry("followingNum", (int) rows);
        assertThat(counts(b.id(), a)).containsEntry("followerNum", (int) rows);
    }
}
