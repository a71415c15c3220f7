package io.community.conformance;

import org.junit.jupiter.api.BeforeAll;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The three collect endpoints over real HTTP on MariaDB. */
class CollectEndpointIT extends ConformanceTest {
    private Session alice;
    private Session bob;
    private Session admin;

    @BeforeAll
    void users() {
        api = new Api(deployment.baseUri(), json);
        alice = newUser("alice");
        bob = newUser("bob");
        register(ADMIN_EMAIL, "admin-password");
        admin = new Session(0, ADMIN_EMAIL, login(ADMIN_EMAIL, "admin-password"));
    }

    long post(Session author) {
        Api.Answer created = api.post("/api/v1/post", author.token(), Map.of("title", "post", "text", "x"));
        assertOk(created);
        return ((Number) ((Map<?, ?>) created.data().get("post")).get("id")).longValue();
    }

    long collectCount(long postId) {
        Api.Answer answer = api.get("/api/v1/post/" + postId, alice.token());
        assertOk(answer);
        return ((Number) ((Map<?, ?>) answer.data().get("post")).get("collectCount")).longValue();
    }

    Api.Answer list(Session caller, long userId) {
        return api.post("/api/v1/collect/list", caller.token(), Map.of("userId", userId, "page", 0, "limit", 100));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> collects(Api.Answer answer) {
        assertOk(answer);
        return (List<Map<String, Object>>) answer.data().get("collects");
    }

    static List<Long> postIds(Api.Answer answer) {
        return collects(answer).stream()
                .map(c -> ((Number) c.get("postId")).longValue())
                .toList();
    }

    long collectIdOf(Session who, long postId) {
        return collects(list(who, who.id())).stream()
                .filter(c -> ((Number) c.get("postId")).longValue() == postId)
                .map(c -> ((Number) c.get("id")).longValue())
                .findFirst()
                .orElseThrow();
    }

    @Test
    void collectListAndRemove() {
        long postId = post(alice);

        assertOk(api.post("/api/v1/collect", bob.token(), Map.of("userId", bob.id(), "postId", postId)));
        assertOk(api.post("/api/v1/collect", bob.token(), Map.of("postId", postId))); // idempotent

        assertThat(collectCount(postId)).isEqualTo(1);
        Api.Answer listed = list(bob, bob.id());
        Map<String, Object> collect = collects(listed).get(0);
        assertThat(collect).containsOnlyKeys("id", "userId", "postId", "createdAt", "updatedAt");
        assertThat(((Number) collect.get("userId")).longValue()).isEqualTo(bob.id());
        assertThat(((Number) collect.get("postId")).longValue()).isEqualTo(postId);
        assertThat(((Number) collect.get("createdAt")).longValue()).isPositive();
        assertThat(listed.dataLong("total")).isEqualTo(1);
        long id = ((Number) collect.get("id")).longValue();

        assertOk(api.post("/api/v1/collect/delete", bob.token(), Map.of("id", id, "postId", postId)));
        assertOk(api.post("/api/v1/collect/delete", bob.token(), Map.of("id", id))); // already removed: fine

        assertThat(collectCount(postId)).isZero();
        Api.Answer empty = list(bob, bob.id());
        assertThat(collects(empty)).isEmpty();
        assertThat(empty.raw()).contains("\"collects\":[]");
        assertThat(empty.dataLong("total")).isZero();

        // collecting again works and counts again
        assertOk(api.post("/api/v1/collect", bob.token(), Map.of("postId", postId)));
        assertThat(collectCount(postId)).isEqualTo(1);
        assertThat(postIds(list(bob, bob.id()))).containsExactly(postId);
    }

    @Test
    void collectErrors() {
        long postId = post(alice);

        assertError(api.post("/api/v1/collect", alice.token(), Map.of("postId", postId)), 403, 20101);
        assertError(
                api.post("/api/v1/collect", bob.token(), Map.of("userId", alice.id(), "postId", postId)), 403, 10008);
        assertError(api.post("/api/v1/collect", bob.token(), Map.of("postId", Long.MAX_VALUE)), 404, 10004);
        assertError(api.post("/api/v1/collect", bob.token(), Map.of()), 400, 10001);
        assertError(api.post("/api/v1/collect", null, Map.of("postId", postId)), 401, 20615);
        assertThat(collectCount(postId)).isZero();
    }

    @Test
    void onlyTheOwnerRemovesACollectAndTheCountIsOfItsOwnPost() {
        long first = post(alice);
        long second = post(alice);
        assertOk(api.post("/api/v1/collect", bob.token(), Map.of("postId", first)));
        assertOk(api.post("/api/v1/collect", bob.token(), Map.of("postId", second)));
        long id = collectIdOf(bob, first);

        assertError(api.post("/api/v1/collect/delete", alice.token(), Map.of("id", id)), 403, 10008);
        assertError(api.post("/api/v1/collect/delete", admin.token(), Map.of("id", id)), 403, 10008);
        assertError(api.post("/api/v1/collect/delete", bob.token(), Map.of("id", id, "postId", second)), 400, 10001);
        assertError(api.post("/api/v1/collect/delete", bob.token(), Map.of("id", Long.MAX_VALUE)), 404, 10004);
        assertError(api.post("/api/v1/collect/delete", bob.token(), Map.of("postId", first)), 400, 10001);
        assertThat(collectCount(first)).isEqualTo(1);

        assertOk(api.post("/api/v1/collect/delete", bob.token(), Map.of("id", id)));

        assertThat(collectCount(first)).isZero();
        assertThat(collectCount(second)).isEqualTo(1);
        assertError(api.post("/api/v1/collect/delete", alice.token(), Map.of("id", id)), 403, 10008);
    }

    @Test
    void collectsArePrivateAndCollectsOfDeletedPostsAreHidden() {
        Session carol = newUser("carol");
        long kept = post(alice);
        long deleted = post(alice);
        assertOk(api.post("/api/v1/collect", carol.token(), Map.of("postId", kept)));
        assertOk(api.post("/api/v1/collect", carol.token(), Map.of("postId", deleted)));

        assertError(list(bob, carol.id()), 403, 10008);
        assertThat(postIds(list(carol, carol.id()))).containsExactly(deleted, kept);
        assertThat(postIds(list(admin, carol.id()))).containsExactly(deleted, kept);

        assertOk(api.post("/api/v1/post/delete", alice.token(), Map.of("id", deleted, "delFlag", 1)));

        Api.Answer after = list(carol, carol.id());
        assertThat(postIds(after)).containsExactly(kept);
        assertThat(after.dataLong("total")).isEqualTo(1);
        assertError(api.post("/api/v1/collect", carol.token(), Map.of("postId", deleted)), 404, 10004);
    }

    @Test
    void pagingIsValidated() {
        for (Map<String, Object> paging : List.of(
                Map.<String, Object>of("page", 0, "limit", 0),
                Map.<String, Object>of("page", 0, "limit", 101),
                Map.<String, Object>of("page", -1, "limit", 10))) {
            Map<String, Object> body = new HashMap<>(paging);
            body.put("userId", bob.id());
            assertError(api.post("/api/v1/collect/list", bob.token(), body), 400, 10001);
        }
        assertError(api.post("/api/v1/collect/list", bob.token(), Map.of("page", 0, "limit", 10)), 400, 10001);
    }

    @Test
    void fiftyConcurrentIdenticalCollectsLeaveOneRowAndCountOnce() throws Exception {
        Session dave = newUser("dave");
        long postId = post(alice);
        int n = 50;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return new Api(deployment.baseUri(), json)
                            .post("/api/v1/collect", dave.token(), Map.of("postId", postId));
                }));
            }
            go.countDown();
            for (Future<Api.Answer> answer : answers) {
                assertOk(answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(rows("SELECT COUNT(*) FROM user_collect WHERE user_id = ? AND post_id = ?", dave.id(), postId))
                .isEqualTo(1);
        assertThat(collectCount(postId)).isEqualTo(1);
        assertThat(postIds(list(dave, dave.id()))).containsExactly(postId);
    }

    private long rows(String sql, long a, long b) throws SQLException {
        try (Connection c = deployment.connect(Deployment.Context.CREATION);
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, a);
            s.setLong(2, b);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
