package io.community.conformance;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance journey of the relation/creation issue, black-box over real HTTP on MariaDB and
 * Redis: every count, list and the feed after engagement, then every deletion rolls them back.
 */
class CommunityJourneyIT extends ConformanceTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Api.Answer a, String key) {
        return (List<Map<String, Object>>) a.data().get(key);
    }

    private static long num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    private static List<Long> longs(Object numbers) {
        return ((List<?>) numbers).stream().map(n -> ((Number) n).longValue()).toList();
    }

    private static List<Long> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> num(r, "id")).toList();
    }

    private Map<String, Object> post(long id, String token) {
        Api.Answer a = api.get("/api/v1/post/" + id, token);
        assertOk(a);
        return map(a.data().get("post"));
    }

    private Map<String, Object> comment(long id, String token) {
        Api.Answer a = api.get("/api/v1/comment/" + id, token);
        assertOk(a);
        return map(a.data().get("comment"));
    }

    private long created(Api.Answer a, String key) {
        assertOk(a);
        return num(map(a.data().get(key)), "id");
    }

    private Map<String, Object> counts(long userId, String token) {
        Api.Answer a = api.get("/api/v1/relation/count?userId=" + userId, token);
        assertOk(a);
        return a.data();
    }

    @Test
    void aJourneyThroughEveryContextAndBack() throws InterruptedException {
        Session a = newUser("author");
        Session b = newUser("reader");
        Session stranger = newUser("stranger");
        Map<String, Object> page = Map.of("page", 0, "limit", 10);

        // A posts text, image and video
        long text =
                created(api.post("/api/v1/post", a.token(), Map.of("title", "Text 😀", "text", "hello 😀")), "post");
        Thread.sleep(5); // distinct creation times make "newest first" observable
        long image = created(
                api.post("/api/v1/post", a.token(), Map.of("title", "Image", "text", "pics", "picKeys", "a.jpg,b.jpg")),
                "post");
        Thread.sleep(5);
        long video = created(
                api.post(
                        "/api/v1/post",
                        a.token(),
                        Map.of(
                                "title",
                                "Video",
                                "videoKey",
                                "v.mp4",
                                "videoDuration",
                                30,
                                "coverKey",
                                "c.jpg",
                                "coverWidth",
                                640,
                                "coverHeight",
                                360)),
                "post");
        Thread.sleep(5);
        // someone B does not follow posts too: in the latest list, never in B's feed
        long other = created(
                api.post("/api/v1/post", stranger.token(), Map.of("title", "Elsewhere", "text", "not followed")),
                "post");
        assertThat(post(text, b.token())).containsEntry("postType", 1).containsEntry("title", "Text 😀");
        assertThat(post(image, b.token())).containsEntry("postType", 2);
        assertThat((String) post(image, b.token()).get("content"))
                .contains("a.jpg")
                .contains("b.jpg");
        assertThat(post(video, b.token())).containsEntry("postType", 3);
        assertThat((String) post(video, b.token()).get("content"))
                .contains("v.mp4")
                .contains("c.jpg");
        assertThat(map(post(text, b.token()).get("author"))).containsEntry("id", (int) a.id());

        // B follows A
        assertOk(api.post("/api/v1/relation/follow", b.token(), Map.of("followedUid", a.id())));
        assertThat(counts(a.id(), b.token())).containsEntry("followerNum", 1).containsEntry("followingNum", 0);
        assertThat(counts(b.id(), b.token())).containsEntry("followingNum", 1).containsEntry("followerNum", 0);
        Api.Answer check = api.post("/api/v1/relation/check/list", b.token(), Map.of("uids", List.of(a.id())));
        assertOk(check);
        assertThat(map(check.data().get("result"))).containsEntry(String.valueOf(a.id()), 1);
        Api.Answer following =
                api.get("/api/v1/relation/following/list?userId=" + b.id() + "&page=0&limit=10", b.token());
        assertThat(longs(following.data().get("followedUids"))).containsExactly(a.id());
        Api.Answer followers =
                api.get("/api/v1/relation/follower/list?userId=" + a.id() + "&page=0&limit=10", a.token());
        assertThat(longs(followers.data().get("followerUids"))).containsExactly(b.id());

        // B comments, replies, likes the post and the comment, collects
        long c1 = created(
                api.post(
                        "/api/v1/comment",
                        b.token(),
                        Map.of("postId", text, "content", "nice", "deviceType", "android")),
                "comment");
        long r1 = created(
                api.post(
                        "/api/v1/comment/reply",
                        b.token(),
                        Map.of("commentId", c1, "content", "indeed", "deviceType", "android")),
                "comment");
        assertOk(api.post("/api/v1/like", b.token(), Map.of("objType", 1, "objId", text)));
        assertOk(api.post("/api/v1/like", b.token(), Map.of("objType", 2, "objId", c1)));
        assertOk(api.post("/api/v1/collect", b.token(), Map.of("postId", text)));

        Map<String, Object> engaged = post(text, b.token());
        assertThat(engaged)
                .containsEntry("commentCount", 2)
                .containsEntry("likeCount", 1)
                .containsEntry("collectCount", 1);
        assertThat(comment(c1, b.token()))
                .containsEntry("replyCount", 1)
                .containsEntry("likeCount", 1)
                .containsEntry("ip", "127.0.0.1");
        assertThat(comment(r1, b.token())).containsEntry("parentId", (int) c1);

        // lists
        Api.Answer latest = api.post("/api/v1/post/latest/list", b.token(), page);
        assertThat(ids(list(latest, "posts"))).containsExactly(other, video, image, text);
        assertThat(latest.dataLong("total")).isEqualTo(4);
        Api.Answer hot = api.post("/api/v1/post/hot/list", b.token(), page);
        assertThat(ids(list(hot, "posts")).get(0))
                .as("the engaged post leads the hot list")
                .isEqualTo(text);
        Api.Answer byUser =
                api.post("/api/v1/post/user/list", b.token(), Map.of("userId", a.id(), "page", 0, "limit", 10));
        assertThat(ids(list(byUser, "posts"))).containsExactly(video, image, text);
        Api.Answer comments =
                api.post("/api/v1/comment/latest/list", b.token(), Map.of("postId", text, "page", 0, "limit", 10));
        assertThat(ids(list(comments, "comments"))).containsExactly(c1);
        assertThat(map(list(comments, "comments").get(0).get("author"))).containsEntry("id", (int) b.id());
        Api.Answer hotComments =
                api.post("/api/v1/comment/hot/list", b.token(), Map.of("postId", text, "page", 0, "limit", 10));
        assertThat(ids(list(hotComments, "comments"))).containsExactly(c1);
        Api.Answer replies =
                api.post("/api/v1/comment/reply/list", b.token(), Map.of("commentId", c1, "page", 0, "limit", 10));
        assertThat(ids(list(replies, "comments"))).containsExactly(r1);
        Api.Answer postLikes =
                api.post("/api/v1/like/post/list", a.token(), Map.of("postId", text, "page", 0, "limit", 10));
        assertThat(list(postLikes, "likes"))
                .singleElement()
                .satisfies(l -> assertThat(num(l, "userId")).isEqualTo(b.id()));
        Api.Answer commentLikes =
                api.post("/api/v1/like/comment/list", a.token(), Map.of("commentId", c1, "page", 0, "limit", 10));
        assertThat(commentLikes.dataLong("total")).isEqualTo(1);
        Api.Answer collects =
                api.post("/api/v1/collect/list", b.token(), Map.of("userId", b.id(), "page", 0, "limit", 10));
        assertThat(list(collects, "collects"))
                .singleElement()
                .satisfies(c -> assertThat(num(c, "postId")).isEqualTo(text));
        long collectId = num(list(collects, "collects").get(0), "id");

        // B's feed: A's posts, newest first, with their author; A follows nobody
        Api.Answer feed = api.post("/api/v1/feed/list", b.token(), page);
        assertOk(feed);
        assertThat(ids(list(feed, "posts"))).containsExactly(video, image, text);
        assertThat(feed.dataLong("total")).isEqualTo(3);
        Api.Answer secondPage = api.post("/api/v1/feed/list", b.token(), Map.of("page", 1, "limit", 2));
        assertThat(ids(list(secondPage, "posts"))).containsExactly(text);
        assertError(api.post("/api/v1/feed/list", b.token(), Map.of("page", 0, "limit", 101)), 400, 10001);
        assertThat(list(feed, "posts"))
                .allSatisfy(p -> assertThat(map(p.get("author")).get("name"))
                        .isEqualTo(map(post(text, b.token()).get("author")).get("name")));
        Api.Answer emptyFeed = api.post("/api/v1/feed/list", a.token(), page);
        assertOk(emptyFeed);
        assertThat(list(emptyFeed, "posts")).isEmpty();
        assertThat(emptyFeed.dataLong("total")).isZero();

        // deletions roll every counter back
        assertOk(api.post("/api/v1/like/delete", b.token(), Map.of("objType", 2, "objId", c1)));
        assertOk(api.post("/api/v1/like/delete", b.token(), Map.of("objType", 1, "objId", text)));
        assertOk(api.post("/api/v1/comment/delete", b.token(), Map.of("id", r1, "delFlag", 1)));
        assertThat(comment(c1, b.token())).containsEntry("replyCount", 0).containsEntry("likeCount", 0);
        assertThat(post(text, b.token())).containsEntry("commentCount", 1);
        assertOk(api.post("/api/v1/comment/delete", b.token(), Map.of("id", c1, "delFlag", 1)));
        assertOk(api.post("/api/v1/collect/delete", b.token(), Map.of("id", collectId, "postId", text)));
        assertThat(post(text, b.token()))
                .containsEntry("commentCount", 0)
                .containsEntry("likeCount", 0)
                .containsEntry("collectCount", 0);
        assertOk(api.post("/api/v1/post/delete", a.token(), Map.of("id", video, "delFlag", 1)));
        assertError(api.get("/api/v1/post/" + video, b.token()), 404, 10004);
        assertThat(ids(list(api.post("/api/v1/feed/list", b.token(), page), "posts")))
                .containsExactly(image, text);
        assertThat(ids(list(api.post("/api/v1/post/latest/list", b.token(), page), "posts")))
                .containsExactly(other, image, text);
        assertOk(api.post("/api/v1/relation/unfollow", b.token(), Map.of("followedUid", a.id())));
        assertThat(counts(a.id(), b.token())).containsEntry("followerNum", 0);
        assertThat(counts(b.id(), b.token())).containsEntry("followingNum", 0);
        assertThat(list(api.post("/api/v1/feed/list", b.token(), page), "posts"))
                .isEmpty();
    }
}
