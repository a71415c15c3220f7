package io.community.web;

import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.Comment;
import io.community.creation.api.DelFlag;
import io.community.creation.api.LikeTarget;
import io.community.web.testing.Calls;
import io.community.web.testing.FakePosts;
import io.community.web.testing.FakeUsers;
import io.community.web.testing.Http;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controllers over recording use cases: which port method a route calls with what, how a
 * result becomes a view, and the composition the adapter does itself (authors, the feed).
 */
@MicronautTest
class ControllersTest {
    @Inject
    EmbeddedServer server;

    @Inject
    Calls calls;

    @Inject
    FakePosts posts;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(server);
        calls.reset();
        posts.reset();
    }

    private Http.Answer ok(Http.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).startsWith("{\"code\":0,\"msg\":\"ok\",\"data\":");
        return answer;
    }

    private static void assertInvalid(Http.Answer answer, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("\"code\":10001").contains("{\"field\":\"" + field + "\"");
    }

    @Test
    void followingListPassesUserAndPagingAndShowsIdsAndTotal() {
        calls.answer("following", c -> new Page<>(List.of(5L, 4L), 7));

        Http.Answer answer =
                ok(http.send("GET", "/api/v1/relation/following/list?userId=2&page=1&limit=2", "alice", null, null));

        Calls.Call call = calls.last("following").orElseThrow();
        assertThat(call.args()).containsExactly(2L, new PageRequest(1, 2));
        assertThat(answer.body()).contains("\"data\":{\"followedUids\":[5,4],\"total\":7}");
    }

    @Test
    void queryValuesAreValidatedBeforeTheUseCase() {
        assertInvalid(
                http.send("GET", "/api/v1/relation/follower/list?page=0&limit=10", "alice", null, null), "userId");
        assertInvalid(
                http.send("GET", "/api/v1/relation/follower/list?userId=1&page=0&limit=101", "alice", null, null),
                "limit");
        assertInvalid(
                http.send("GET", "/api/v1/relation/follower/list?userId=1&page=-1&limit=10", "alice", null, null),
                "page");
        assertThat(calls.methods()).isEmpty();
    }

    @Test
    void checkKeepsTheRequestedOrderAndAnswersOneOrZero() {
        calls.answer("check", c -> {
            Map<Long, Boolean> result = new LinkedHashMap<>();
            result.put(9L, false);
            result.put(3L, true);
            return result;
        });

        Http.Answer answer = ok(http.json("POST", "/api/v1/relation/check/list", "alice", "{\"uids\":[9,3]}"));

        assertThat(answer.body()).contains("\"data\":{\"result\":{\"9\":0,\"3\":1}}");
        assertThat(calls.last("check").orElseThrow().args()).contains(List.of(9L, 3L));
        assertInvalid(http.json("POST", "/api/v1/relation/check/list", "alice", "{\"uids\":[]}"), "uids");
    }

    @Test
    void likeTranslatesObjTypeAndRefusesAnUnknownOne() {
        ok(http.json("POST", "/api/v1/like", "bob", "{\"objType\":2,\"objId\":41}"));

        Calls.Call like = calls.last("like").orElseThrow();
        assertThat(like.arg(Actor.class).userId()).isEqualTo(FakeUsers.BOB);
        assertThat(like.arg(LikeTarget.class)).isEqualTo(LikeTarget.COMMENT);
        assertThat(like.args()).contains(41L);

        calls.reset();
        assertInvalid(http.json("POST", "/api/v1/like/delete", "bob", "{\"objType\":3,\"objId\":41}"), "objType");
        assertThat(calls.methods()).isEmpty();
    }

    @Test
    void collectDeleteAndPostDeleteNeedAKnownFlagOrId() {
        ok(http.json("POST", "/api/v1/collect/delete", "alice", "{\"id\":12}"));
        assertThat(calls.last("uncollect").orElseThrow().args()).contains(12L);

        assertInvalid(http.json("POST", "/api/v1/post/delete", "alice", "{\"id\":7,\"delFlag\":0}"), "delFlag");
        assertInvalid(http.json("POST", "/api/v1/post/delete", "alice", "{\"id\":7,\"delFlag\":3}"), "delFlag");
    }

    @Test
    void aCommentsAddressIsShownToItsAuthorAndAdminsOnly() {
        Instant t = Instant.parse("2026-01-02T00:00:00Z");
        calls.answer(
                "get",
                c -> new Comment(30, 7, FakeUsers.BOB, "hi", 0, 0, 0, 0.5, DelFlag.NONE, t, t, "web", "203.0.113.50"));

        String asAlice =
                ok(http.send("GET", "/api/v1/comment/30", "alice", null, null)).body();
        String asBob =
                ok(http.send("GET", "/api/v1/comment/30", "bob", null, null)).body();
        String asAdmin =
                ok(http.send("GET", "/api/v1/comment/30", "admin", null, null)).body();

        assertThat(asAlice).contains("\"ip\":\"\"").doesNotContain("203.0.113.50");
        assertThat(asBob).contains("\"ip\":\"203.0.113.50\"");
        assertThat(asAdmin).contains("\"ip\":\"203.0.113.50\"");
        // the author comes along, looked up through the user context
        assertThat(asAlice)
                .contains("\"author\":{\"id\":2,\"name\":\"bob\",\"nickName\":\"Bob\",\"avatar\":\"\"}")
                .contains("\"createdAt\":" + t.getEpochSecond());
    }

    @Test
    void theFeedIsTheFollowedUsersPostsWithTheirAuthors() {
        calls.answer("followingIds", c -> List.of(FakeUsers.BOB, 404L));
        posts.listing(List.of(FakePosts.post(11, FakeUsers.BOB, "from bob"), FakePosts.post(10, 404L, "gone")));

        Http.Answer answer = ok(http.json("POST", "/api/v1/feed/list", "alice", "{\"page\":0,\"limit\":2}"));

        Calls.Call followed = calls.last("followingIds").orElseThrow();
        assertThat(followed.args()).containsExactly(FakeUsers.ALICE, 2000);
        assertThat(posts.lastAuthors()).containsExactly(FakeUsers.BOB, 404L);
        assertThat(posts.lastPage()).isEqualTo(new PageRequest(0, 2));
        assertThat(answer.body())
                .contains("\"title\":\"from bob\"")
                .contains("\"author\":{\"id\":2,\"name\":\"bob\",\"nickName\":\"Bob\",\"avatar\":\"\"}")
                // an author who is gone still has an id and empty fields, never null
                .contains("\"author\":{\"id\":404,\"name\":\"\",\"nickName\":\"\",\"avatar\":\"\"}")
                .endsWith("\"total\":2}}");
    }

    @Test
    void followingNobodyIsAnEmptyFeedWithoutAPostQuery() {
        calls.answer("followingIds", c -> List.of());

        Http.Answer answer = ok(http.json("POST", "/api/v1/feed/list", "alice", "{\"page\":0,\"limit\":10}"));

        assertThat(answer.body()).isEqualTo("{\"code\":0,\"msg\":\"ok\",\"data\":{\"posts\":[],\"total\":0}}");
        assertThat(posts.lastPage()).as("no post list asked for").isNull();
    }

    @Test
    void postListsCarryEveryFieldAndTheTotal() {
        posts.listing(List.of(FakePosts.post(3, FakeUsers.ALICE, "t")));

        Http.Answer answer = ok(http.json("POST", "/api/v1/post/latest/list", "bob", "{\"page\":0,\"limit\":5}"));

        assertThat(posts.lastPage()).isEqualTo(new PageRequest(0, 5));
        assertThat(answer.body())
                .contains("\"id\":3,\"postType\":1,\"userId\":1,\"title\":\"t\"")
                .contains("\"delFlag\":0")
                .contains("\"position\":\"\"")
                .endsWith("\"total\":1}}");
        assertInvalid(http.json("POST", "/api/v1/post/hot/list", "bob", "{\"page\":0}"), "limit");
    }
}
