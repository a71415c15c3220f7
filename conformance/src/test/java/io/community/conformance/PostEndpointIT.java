package io.community.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The ten post endpoints over real HTTP on MariaDB, with the REST contract's statuses, codes and field names. */
class PostEndpointIT extends ConformanceTest {
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

    static Map<String, Object> textPost(String title) {
        return Map.of("title", title, "text", "some text");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> post(Api.Answer answer) {
        return (Map<String, Object>) answer.data().get("post");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> posts(Api.Answer answer) {
        return (List<Map<String, Object>>) answer.data().get("posts");
    }

    static List<Long> ids(Api.Answer answer) {
        return posts(answer).stream()
                .map(p -> ((Number) p.get("id")).longValue())
                .toList();
    }

    static long id(Map<String, Object> post) {
        return ((Number) post.get("id")).longValue();
    }

    static long number(Map<String, Object> post, String field) {
        return ((Number) post.get(field)).longValue();
    }

    long create(Session who, Map<String, Object> body) {
        Api.Answer created = api.post("/api/v1/post", who.token(), body);
        assertOk(created);
        return id(post(created));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> content(Map<String, Object> post) {
        try {
            return json.readValue((String) post.get("content"), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> get(long id) {
        Api.Answer answer = api.get("/api/v1/post/" + id, alice.token());
        assertOk(answer);
        return post(answer);
    }

    @Test
    void createsAndGetsAPostWithEveryFieldAndItsAuthor() {
        String title = "Hello \uD83D\uDE00\uD83C\uDF89 \uD842\uDFB7"; // 4-byte characters must round-trip
        Map<String, Object> body = new HashMap<>();
        body.put("userId", alice.id());
        body.put("title", title);
        body.put("text", "text with \"quotes\" and \uD83E\uDD84");
        body.put("longitude", 13.405);
        body.put("latitude", 52.52);
        body.put("position", "Berlin");
        Api.Answer created = api.post("/api/v1/post", alice.token(), body);
        assertOk(created);
        Map<String, Object> post = post(created);

        assertThat(post)
                .containsOnlyKeys(
                        "id",
                        "postType",
                        "userId",
                        "title",
                        "content",
                        "viewCount",
                        "likeCount",
                        "commentCount",
                        "collectCount",
                        "shareCount",
                        "delFlag",
                        "visible",
                        "longitude",
                        "latitude",
                        "position",
                        "createdAt",
                        "updatedAt",
                        "author");
        assertThat(post)
                .containsEntry("postType", 1)
                .containsEntry("title", title)
                .containsEntry("delFlag", 0)
                .containsEntry("visible", 1)
                .containsEntry("position", "Berlin")
                .containsEntry("longitude", 13.405)
                .containsEntry("latitude", 52.52)
                .containsEntry("viewCount", 0)
                .containsEntry("shareCount", 0);
        assertThat(number(post, "userId")).isEqualTo(alice.id());
        assertThat(number(post, "createdAt")).isCloseTo(System.currentTimeMillis() / 1000, within(60L));
        assertThat(content(post)).isEqualTo(Map.of("text", "text with \"quotes\" and \uD83E\uDD84"));
        @SuppressWarnings("unchecked")
        Map<String, Object> author = (Map<String, Object>) post.get("author");
        // nickName and avatar are empty for a new user and must still be there
        assertThat(author).containsOnlyKeys("id", "name", "nickName", "avatar");
        assertThat(author).containsEntry("nickName", "").containsEntry("avatar", "");
        assertThat(number(author, "id")).isEqualTo(alice.id());
        assertThat(author.get("name"))
                .isEqualTo(alice.email().substring(0, alice.email().indexOf('@')));

        assertThat(get(id(post))).isEqualTo(post);

        Map<String, Object> plain = post(api.post("/api/v1/post", alice.token(), textPost("no place")));
        assertThat(plain)
                .containsEntry("position", "")
                .containsEntry("longitude", 0.0)
                .containsEntry("latitude", 0.0);
    }

    @Test
    void imageAndVideoPostsAndTheirContent() {
        Map<String, Object> image = post(
                api.post("/api/v1/post", alice.token(), Map.of("title", "pictures", "picKeys", " a.png, ,b.png,")));
        assertThat(image).containsEntry("postType", 2);
        assertThat(content(image)).isEqualTo(Map.of("text", "", "pic", List.of("a.png", "b.png")));

        Map<String, Object> video = post(api.post(
                "/api/v1/post",
                alice.token(),
                Map.of(
                        "title",
                        "film",
                        "text",
                        "watch",
                        "videoKey",
                        "v/1.mp4",
                        "videoDuration",
                        61,
                        "coverKey",
                        "c/1.jpg",
                        "coverWidth",
                        640,
                        "coverHeight",
                        360)));
        assertThat(video).containsEntry("postType", 3);
        assertThat(content(video))
                .isEqualTo(Map.of(
                        "text",
                        "watch",
                        "video",
                        Map.of(
                                "video_url",
                                "v/1.mp4",
                                "duration",
                                61,
                                "cover_url",
                                "c/1.jpg",
                                "cover_width",
                                640,
                                "cover_height",
                                360)));

        // the reference's clients send every field, unused ones as "" and 0: still a text post
        Map<String, Object> zeros = new HashMap<>(Map.of(
                "title",
                "zeros",
                "text",
                "t",
                "picKeys",
                "",
                "videoKey",
                "",
                "videoDuration",
                0,
                "coverKey",
                "",
                "coverWidth",
                0,
                "coverHeight",
                0,
                "position",
                ""));
        zeros.put("longitude", 0);
        assertThat(post(api.post("/api/v1/post", alice.token(), zeros))).containsEntry("postType", 1);
    }

    @Test
    void contentAndFieldErrors() {
        String token = alice.token();
        assertError(api.post("/api/v1/post", token, Map.of("title", "nothing")), 400, 20411);
        assertError(api.post("/api/v1/post", token, Map.of("title", "blank", "text", "  ")), 400, 20411);
        assertError(
                api.post(
                        "/api/v1/post",
                        token,
                        Map.of(
                                "title",
                                "both",
                                "picKeys",
                                "a.png",
                                "videoKey",
                                "v",
                                "videoDuration",
                                1,
                                "coverKey",
                                "c",
                                "coverWidth",
                                1,
                                "coverHeight",
                                1)),
                400,
                20412);
        assertError(api.post("/api/v1/post", token, Map.of("title", "half", "videoKey", "v.mp4")), 400, 20413);

        Api.Answer noTitle = api.post("/api/v1/post", token, Map.of("text", "x"));
        assertError(noTitle, 400, 10001);
        assertThat(fieldErrors(noTitle)).extracting(e -> e.get("field")).contains("title");
        Api.Answer longTitle = api.post("/api/v1/post", token, Map.of("title", "t".repeat(251), "text", "x"));
        assertError(longTitle, 400, 10001);
        assertThat(fieldErrors(longTitle)).extracting(e -> e.get("field")).contains("title");
        // 250 characters outside the BMP are 500 UTF-16 units, and still fine
        assertOk(api.post("/api/v1/post", token, Map.of("title", "\uD83D\uDE00".repeat(250), "text", "x")));
        Api.Answer tenPictures = api.post(
                "/api/v1/post",
                token,
                Map.of("title", "ten", "picKeys", String.join(",", Collections.nCopies(10, "p.png"))));
        assertError(tenPictures, 400, 10001);
        assertThat(fieldErrors(tenPictures)).extracting(e -> e.get("field")).contains("picKeys");
        Api.Answer place = api.post(
                "/api/v1/post",
                token,
                Map.of("title", "t", "text", "x", "longitude", 180.5, "latitude", -91, "position", "p".repeat(101)));
        assertError(place, 400, 10001);
        assertThat(fieldErrors(place)).extracting(e -> e.get("field")).contains("longitude", "latitude");
        Api.Answer position =
                api.post("/api/v1/post", token, Map.of("title", "t", "text", "x", "position", "p".repeat(101)));
        assertError(position, 400, 10001);
        assertThat(fieldErrors(position)).extracting(e -> e.get("field")).contains("position");
        assertError(
                api.post("/api/v1/post", token, Map.of("title", "t", "text", "x", "videoDuration", "long")),
                400,
                10001);
        assertError(api.post("/api/v1/post", token, "{\"title\": \"broken"), 400, 10001);
        assertError(api.post("/api/v1/post", token, Map.of("userId", bob.id(), "title", "t", "text", "x")), 403, 10008);
        assertError(api.post("/api/v1/post", null, textPost("anonymous")), 401, 20615);
    }

    @Test
    void serverOwnedFieldsAreNeverBound() {
        Map<String, Object> body = new HashMap<>(textPost("owned"));
        body.putAll(Map.of(
                "id",
                424242,
                "delFlag",
                2,
                "likeCount",
                99,
                "viewCount",
                7,
                "collectCount",
                5,
                "visible",
                0,
                "postType",
                3,
                "createdAt",
                1,
                "author",
                Map.of("id", bob.id()),
                "unknown",
                "x"));
        Map<String, Object> post = post(api.post("/api/v1/post", alice.token(), body));

        assertThat(id(post)).isNotEqualTo(424242);
        assertThat(post)
                .containsEntry("delFlag", 0)
                .containsEntry("likeCount", 0)
                .containsEntry("viewCount", 0)
                .containsEntry("collectCount", 0)
                .containsEntry("visible", 1)
                .containsEntry("postType", 1);
        assertThat(number(post, "createdAt")).isGreaterThan(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> author = (Map<String, Object>) post.get("author");
        assertThat(number(author, "id")).isEqualTo(alice.id());
    }

    @Test
    void onlyTheAuthorEditsAndTheTypeFollowsTheContent() {
        long id = create(
                alice,
                Map.of(
                        "title",
                        "film",
                        "text",
                        "watch",
                        "videoKey",
                        "v.mp4",
                        "videoDuration",
                        5,
                        "coverKey",
                        "c.jpg",
                        "coverWidth",
                        4,
                        "coverHeight",
                        3));

        assertError(
                api.put("/api/v1/post/update", bob.token(), Map.of("id", id, "title", "mine", "text", "x")),
                403,
                10008);
        assertError(
                api.put("/api/v1/post/update", admin.token(), Map.of("id", id, "title", "mine", "text", "x")),
                403,
                10008);
        assertError(
                api.put("/api/v1/post/update", alice.token(), Map.of("id", Long.MAX_VALUE, "title", "t", "text", "x")),
                404,
                10004);
        assertError(api.put("/api/v1/post/update", alice.token(), Map.of("title", "t", "text", "x")), 400, 10001);
        assertError(api.put("/api/v1/post/update", alice.token(), Map.of("id", id, "title", "t")), 400, 20411);
        assertThat(get(id)).containsEntry("postType", 3).containsEntry("title", "film");

        assertOk(api.put(
                "/api/v1/post/update", alice.token(), Map.of("id", id, "title", "now text", "text", "just words")));

        Map<String, Object> edited = get(id);
        assertThat(edited).containsEntry("postType", 1).containsEntry("title", "now text");
        assertThat(content(edited)).isEqualTo(Map.of("text", "just words"));
        // every list still renders it (the reference crashed here)
        Map<String, Object> page = Map.of("page", 0, "limit", 100);
        for (Api.Answer list : List.of(
                api.post("/api/v1/post/latest/list", bob.token(), page),
                api.post("/api/v1/post/hot/list", bob.token(), page),
                api.post("/api/v1/post/user/list", bob.token(), Map.of("userId", alice.id(), "page", 0, "limit", 100)),
                api.post("/api/v1/post/list/ids", bob.token(), Map.of("ids", List.of(id))))) {
            assertOk(list);
            assertThat(posts(list))
                    .filteredOn(p -> id(p) == id)
                    .singleElement()
                    .satisfies(p -> assertThat(p).containsEntry("postType", 1).containsEntry("title", "now text"));
        }
    }

    @Test
    void deleteRulesAndADeletedPostIsGoneEverywhere() {
        long id = create(alice, textPost("to delete"));
        long other = create(alice, textPost("kept"));

        assertError(api.post("/api/v1/post/delete", bob.token(), Map.of("id", id, "delFlag", 1)), 403, 10008);
        assertError(api.post("/api/v1/post/delete", bob.token(), Map.of("id", id, "delFlag", 2)), 403, 10008);
        assertError(api.post("/api/v1/post/delete", alice.token(), Map.of("id", id, "delFlag", 2)), 403, 10008);
        assertError(
                api.post("/api/v1/post/delete", alice.token(), Map.of("id", id, "delFlag", 1, "userId", bob.id())),
                403,
                10008);
        assertError(api.post("/api/v1/post/delete", alice.token(), Map.of("id", id, "delFlag", 0)), 400, 10001);
        assertError(api.post("/api/v1/post/delete", alice.token(), Map.of("id", id, "delFlag", 3)), 400, 10001);
        assertError(api.post("/api/v1/post/delete", alice.token(), Map.of("id", id)), 400, 10001);
        assertError(
                api.post("/api/v1/post/delete", alice.token(), Map.of("id", Long.MAX_VALUE, "delFlag", 1)), 404, 10004);
        assertThat(get(id)).containsEntry("delFlag", 0);

        assertOk(api.post("/api/v1/post/delete", alice.token(), Map.of("id", id, "userId", alice.id(), "delFlag", 1)));

        assertError(api.get("/api/v1/post/" + id, alice.token()), 404, 10004);
        assertGoneFromLists(id, other);
        assertError(api.post("/api/v1/post/delete", alice.token(), Map.of("id", id, "delFlag", 1)), 404, 10004);
        assertError(
                api.put("/api/v1/post/update", alice.token(), Map.of("id", id, "title", "t", "text", "x")), 404, 10004);
        assertError(api.post("/api/v1/post/view", alice.token(), Map.of("id", id)), 404, 10004);
        assertError(api.post("/api/v1/post/share", alice.token(), Map.of("id", id)), 404, 10004);

        // an admin deletes anyone's post with delFlag 2
        long bobs = create(bob, textPost("moderated"));
        assertOk(api.post("/api/v1/post/delete", admin.token(), Map.of("id", bobs, "delFlag", 2)));
        assertError(api.get("/api/v1/post/" + bobs, bob.token()), 404, 10004);
        assertGoneFromLists(bobs, other);
    }

    private void assertGoneFromLists(long gone, long kept) {
        Map<String, Object> page = Map.of("page", 0, "limit", 100);
        assertThat(ids(api.post("/api/v1/post/latest/list", bob.token(), page)))
                .doesNotContain(gone)
                .contains(kept);
        assertThat(ids(api.post("/api/v1/post/hot/list", bob.token(), page)))
                .doesNotContain(gone)
                .contains(kept);
        for (Session s : List.of(alice, bob)) {
            assertThat(ids(api.post(
                            "/api/v1/post/user/list", bob.token(), Map.of("userId", s.id(), "page", 0, "limit", 100))))
                    .doesNotContain(gone);
        }
        assertThat(ids(api.post("/api/v1/post/list/ids", bob.token(), Map.of("ids", List.of(gone, kept)))))
                .containsExactly(kept);
    }

    @Test
    void getByIdsKeepsInputOrderAndSkipsTheAbsent() {
        long a = create(alice, textPost("a"));
        long b = create(bob, textPost("b"));

        Api.Answer answer = api.post("/api/v1/post/list/ids", alice.token(), Map.of("ids", List.of(b, 999_999, a)));
        assertOk(answer);
        assertThat(ids(answer)).containsExactly(b, a);
        assertThat(posts(answer).get(0).get("author"))
                .satisfies(author -> assertThat(((Number) ((Map<?, ?>) author).get("id")).longValue())
                        .isEqualTo(bob.id()));

        Api.Answer none = api.post("/api/v1/post/list/ids", alice.token(), Map.of("ids", List.of(999_999)));
        assertOk(none);
        assertThat(none.raw()).contains("\"posts\":[]");
        assertError(api.post("/api/v1/post/list/ids", alice.token(), Map.of("ids", List.of())), 400, 10001);
        assertError(
                api.post("/api/v1/post/list/ids", alice.token(), Map.of("ids", Collections.nCopies(101, a))),
                400,
                10001);
        assertError(api.post("/api/v1/post/list/ids", alice.token(), Map.of()), 400, 10001);
    }

    @Test
    void listsAreNewestFirstWithTotals() {
        Session carol = newUser("carol");
        long c1 = create(carol, textPost("c1"));
        long c2 = create(carol, textPost("c2"));
        long c3 = create(carol, textPost("c3"));

        Api.Answer first =
                api.post("/api/v1/post/user/list", alice.token(), Map.of("userId", carol.id(), "page", 0, "limit", 2));
        assertOk(first);
        assertThat(ids(first)).containsExactly(c3, c2);
        assertThat(first.dataLong("total")).isEqualTo(3);
        assertThat(ids(api.post(
                        "/api/v1/post/user/list", alice.token(), Map.of("userId", carol.id(), "page", 1, "limit", 2))))
                .containsExactly(c1);
        Api.Answer beyond =
                api.post("/api/v1/post/user/list", alice.token(), Map.of("userId", carol.id(), "page", 7, "limit", 2));
        assertOk(beyond);
        assertThat(beyond.raw()).contains("\"posts\":[]");
        assertThat(beyond.dataLong("total")).isEqualTo(3);

        Api.Answer latest = api.post("/api/v1/post/latest/list", alice.token(), Map.of("page", 0, "limit", 3));
        assertThat(ids(latest)).containsExactly(c3, c2, c1);
        assertThat(latest.dataLong("total")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void pagingIsValidated() {
        for (String path : List.of("/api/v1/post/latest/list", "/api/v1/post/hot/list", "/api/v1/post/user/list")) {
            for (Map<String, Object> paging : List.of(
                    Map.<String, Object>of("page", 0, "limit", 0),
                    Map.<String, Object>of("page", 0, "limit", 101),
                    Map.<String, Object>of("page", -1, "limit", 10),
                    Map.<String, Object>of("limit", 10),
                    Map.<String, Object>of("page", 0))) {
                Map<String, Object> body = new HashMap<>(paging);
                body.put("userId", alice.id());
                Api.Answer answer = api.post(path, alice.token(), body);
                assertError(answer, 400, 10001);
                assertThat(fieldErrors(answer)).as(path + " " + paging).isNotEmpty();
            }
        }
        assertError(api.post("/api/v1/post/user/list", alice.token(), Map.of("page", 0, "limit", 10)), 400, 10001);
    }

    @Test
    void viewAndShareCount() {
        long id = create(alice, textPost("counted"));

        assertOk(api.post("/api/v1/post/view", bob.token(), Map.of("id", id)));
        assertOk(api.post("/api/v1/post/view", bob.token(), Map.of("id", id)));
        assertOk(api.post("/api/v1/post/share", bob.token(), Map.of("id", id)));

        Map<String, Object> post = get(id);
        assertThat(post).containsEntry("viewCount", 2).containsEntry("shareCount", 1);
        assertError(api.post("/api/v1/post/view", bob.token(), Map.of("id", Long.MAX_VALUE)), 404, 10004);
        assertError(api.post("/api/v1/post/share", bob.token(), Map.of()), 400, 10001);
    }

    @Test
    void hotOrderFollowsTheScoreNotTheAge() throws InterruptedException {
        long older = create(alice, textPost("older, shared"));
        Thread.sleep(20); // distinct creation instants
        long quiet = create(alice, textPost("newer, quiet"));
        Thread.sleep(20);
        long newest = create(alice, textPost("newest, quiet"));
        List<Long> mine = List.of(older, quiet, newest);

        // equal engagement: newer first, as in latest
        assertThat(ours(api.post("/api/v1/post/hot/list", bob.token(), Map.of("page", 0, "limit", 100)), mine))
                .containsExactly(newest, quiet, older);

        // two shares: engagement 13, worth log10(13)·12.5 h ≈ 14 h of recency, far more than milliseconds
        assertOk(api.post("/api/v1/post/share", bob.token(), Map.of("id", older)));
        assertOk(api.post("/api/v1/post/share", bob.token(), Map.of("id", older)));
        // a view counts a tenth of a like: it lifts quiet above newest, not above older
        assertOk(api.post("/api/v1/post/view", bob.token(), Map.of("id", quiet)));

        List<Long> hot = ours(api.post("/api/v1/post/hot/list", bob.token(), Map.of("page", 0, "limit", 100)), mine);
        List<Long> latest =
                ours(api.post("/api/v1/post/latest/list", bob.token(), Map.of("page", 0, "limit", 100)), mine);
        assertThat(hot).containsExactly(older, quiet, newest);
        assertThat(latest).containsExactly(newest, quiet, older);
    }

    private static List<Long> ours(Api.Answer answer, List<Long> mine) {
        assertOk(answer);
        List<Long> result = new ArrayList<>(ids(answer));
        result.retainAll(mine);
        return result;
    }
}
