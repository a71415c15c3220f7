package io.community.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monolith and the cluster side by side: one script of requests — the journey over all 42
 * business endpoints plus error and authorization cases — is sent to each, on fresh databases,
 * and every answer must be the same status and the same body. Only what differs by nature is
 * masked: tokens and timestamps (and the time part they put into a comment's score). Ids are compared as they are, since both deployments start
 * empty and allocate them in the same order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SameAnswersIT {
    /** Times, and a comment's score, which contains its creation time (created_epoch / 45000). */
    private static final Set<String> TIMES = Set.of("createdAt", "updatedAt", "loginAt", "score");

    private final ObjectMapper json = new ObjectMapper();
    private Deployment monolith;
    private Deployment cluster;

    @BeforeAll
    void start() {
        monolith = Deployment.monolith("community_test_same_m", Map.of());
        cluster = Deployment.cluster("community_test_same_c", Map.of(), null);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (monolith != null) {
            monolith.close();
        }
    }

    @Test
    void everyAnswerIsTheSameThroughTheGatewayAsFromTheMonolith() {
        // the same addresses on both sides: each deployment has its own database and cache
        String run = Long.toString(System.nanoTime(), 36);
        List<Exchange> fromMonolith = new Script(new Api(monolith.baseUri(), json), run).play();
        List<Exchange> fromCluster = new Script(new Api(cluster.baseUri(), json), run).play();

        assertThat(fromCluster).hasSameSizeAs(fromMonolith);
        for (int i = 0; i < fromMonolith.size(); i++) {
            Exchange m = fromMonolith.get(i);
            Exchange c = fromCluster.get(i);
            // the same script step (a mailed code differs by nature, so not the raw request text)
            assertThat(c.endpoint()).as(m.request()).isEqualTo(m.endpoint());
            assertThat(c.status()).as("%s: status", m.request()).isEqualTo(m.status());
            assertThat(c.body()).as("%s: body", m.request()).isEqualTo(m.body());
        }
        // the script must really cover the API: every business endpoint, and failures of every kind
        Set<String> endpoints = new java.util.TreeSet<>();
        Set<Integer> statuses = new java.util.TreeSet<>();
        fromMonolith.forEach(e -> {
            endpoints.add(e.endpoint());
            statuses.add(e.status());
        });
        assertThat(endpoints.stream().filter(e -> e.contains("/api/v1/"))).hasSize(42);
        assertThat(statuses).contains(200, 400, 401, 403, 404, 409, 429);
    }

    /** One request and its answer, with tokens and times masked. */
    record Exchange(String request, String endpoint, int status, Object body) {}

    /** The scripted conversation; identical for both deployments, answers depend only on the API. */
    private final class Script {
        private final Api api;
        private final String run;
        private final List<Exchange> exchanges = new ArrayList<>();

        Script(Api api, String run) {
            this.api = api;
            this.run = run;
        }

        private Api.Answer call(String endpoint, String method, String path, String token, Object body) {
            Api.Answer answer = switch (method) {
                case "GET" -> api.get(path, token);
                case "DELETE" -> api.delete(path, token);
                case "PUT" -> api.put(path, token, body);
                default -> api.post(path, token, body);
            };
            String request = method + " " + path + (body == null ? "" : " " + body) + (token == null ? "" : " [token]");
            exchanges.add(new Exchange(request, method + " " + endpoint, answer.status(), mask(answer.body())));
            return answer;
        }

        private Api.Answer call(String method, String path, String token, Object body) {
            return call(path.replaceAll("\\?.*", "").replaceAll("/\\d+$", "/{id}"), method, path, token, body);
        }

        private String email(String who) {
            return who + "-" + run + "@example.com";
        }

        private String token(Api.Answer login) {
            return login.status() == 200 ? login.dataString("token") : "none";
        }

        private long id(Api.Answer answer, String key) {
            @SuppressWarnings("unchecked")
            Map<String, Object> entity = (Map<String, Object>) answer.data().get(key);
            return ((Number) entity.get("id")).longValue();
        }

        private long register(String who) {
            String email = email(who);
            call("POST", "/api/v1/auth/email", null, Map.of("email", email));
            return call(
                            "POST",
                            "/api/v1/auth/register",
                            null,
                            Map.of(
                                    "email",
                                    email,
                                    "emailCode",
                                    TestMailServer.lastCodeFor(email),
                                    "password",
                                    "password-" + who))
                    .dataLong("id");
        }

        private String login(String who) {
            return token(call(
                    "POST", "/api/v1/auth/login", null, Map.of("email", email(who), "password", "password-" + who)));
        }

        List<Exchange> play() {
            // user: codes, registration, login, and their failures
            call("POST", "/api/v1/auth/email", null, Map.of("email", "not-an-email"));
            long alice = register("alice");
            long bob = register("bob");
            long carol = register("carol");
            call("POST", "/api/v1/auth/email", null, Map.of("email", email("alice"))); // 409 registered
            call("POST", "/api/v1/auth/email", null, Map.of("email", email("dave")));
            call("POST", "/api/v1/auth/email", null, Map.of("email", email("dave"))); // 429 too soon
            call(
                    "POST",
                    "/api/v1/auth/register",
                    null,
                    Map.of("email", email("dave"), "emailCode", "000000", "password", "password-dave")); // wrong code
            call(
                    "POST",
                    "/api/v1/auth/register",
                    null,
                    Map.of("email", email("erin"), "emailCode", "12", "password", "short")); // field errors
            String a = login("alice");
            String b = login("bob");
            String c = login("carol");
            call("POST", "/api/v1/auth/login", null, Map.of("email", email("alice"), "password", "wrong-password"));
            call("POST", "/api/v1/auth/login", null, Map.of("email", email("nobody"), "password", "wrong-password"));
            String adminEmail = Deployment.ADMIN_EMAIL;
            call("POST", "/api/v1/auth/email", null, Map.of("email", adminEmail));
            call(
                    "POST",
                    "/api/v1/auth/register",
                    null,
                    Map.of(
                            "email",
                            adminEmail,
                            "emailCode",
                            TestMailServer.lastCodeFor(adminEmail),
                            "password",
                            "password-admin"));
            String admin = token(call(
                    "POST", "/api/v1/auth/login", null, Map.of("email", adminEmail, "password", "password-admin")));

            call("GET", "/api/v1/user/" + alice, a, null);
            call("GET", "/api/v1/user/" + alice, b, null); // contact data hidden
            call("GET", "/api/v1/user/" + alice, null, null); // 401
            call("GET", "/api/v1/user/" + alice, "garbage", null); // 401
            call("GET", "/api/v1/user/999999", a, null); // 404
            call(
                    "PUT",
                    "/api/v1/user/" + alice,
                    a,
                    Map.of(
                            "nickName",
                            "Alice 😀",
                            "gender",
                            2,
                            "age",
                            30,
                            "birthday",
                            "1996-02-29",
                            "phone",
                            "+49 30 123"));
            call("PUT", "/api/v1/user/" + bob, a, Map.of("nickName", "not mine")); // 403
            call("PUT", "/api/v1/user/" + alice, a, Map.of("gender", 7, "age", 200)); // 400
            call("GET", "/api/v1/user/" + alice, a, null);
            call(
                    "POST",
                    "/api/v1/user/list",
                    admin,
                    Map.of(
                            "params",
                            Map.of(
                                    "page",
                                    0,
                                    "limit",
                                    10,
                                    "sort",
                                    "id",
                                    "columns",
                                    List.of(Map.of("name", "email", "exp", "like", "value", run)))));
            call(
                    "POST",
                    "/api/v1/user/list",
                    admin,
                    Map.of(
                            "params",
                            Map.of(
                                    "page",
                                    0,
                                    "limit",
                                    10,
                                    "columns",
                                    List.of(Map.of("name", "password", "value", "x"))))); // not allowed
            call("POST", "/api/v1/user/list", a, Map.of("params", Map.of("page", 0, "limit", 10))); // 403
            call(
                    "PUT",
                    "/api/v1/user/password/" + carol,
                    c,
                    Map.of("oldPassword", "wrong-password", "password", "new-password"));
            call(
                    "PUT",
                    "/api/v1/user/password/" + carol,
                    c,
                    Map.of("oldPassword", "password-carol", "password", "new-password-carol"));
            call("GET", "/api/v1/user/" + carol, c, null); // revoked → 401
            c = token(call(
                    "POST",
                    "/api/v1/auth/login",
                    null,
                    Map.of("email", email("carol"), "password", "new-password-carol")));

            // relation
            call("POST", "/api/v1/relation/follow", a, Map.of("followedUid", bob));
            call("POST", "/api/v1/relation/follow", a, Map.of("followedUid", bob)); // idempotent
            call("POST", "/api/v1/relation/follow", a, Map.of("userId", alice, "followedUid", carol));
            call("POST", "/api/v1/relation/follow", b, Map.of("followedUid", alice));
            call("POST", "/api/v1/relation/follow", a, Map.of("followedUid", alice)); // self
            call("POST", "/api/v1/relation/follow", a, Map.of("followedUid", 999999)); // 404
            call("POST", "/api/v1/relation/follow", a, Map.of("userId", bob, "followedUid", carol)); // 403
            call("GET", "/api/v1/relation/following/list?userId=" + alice + "&page=0&limit=10", b, null);
            call("GET", "/api/v1/relation/follower/list?userId=" + alice + "&page=0&limit=10", b, null);
            call("GET", "/api/v1/relation/following/list?userId=999999&page=0&limit=10", b, null);
            call("POST", "/api/v1/relation/check/list", a, Map.of("uids", List.of(carol, bob, 999999)));
            call("POST", "/api/v1/relation/check/list", a, Map.of("uids", List.of())); // 400
            call("GET", "/api/v1/relation/count?userId=" + alice, c, null);
            call("POST", "/api/v1/relation/unfollow", a, Map.of("followedUid", carol));
            call("POST", "/api/v1/relation/unfollow", a, Map.of("followedUid", carol));
            call("GET", "/api/v1/relation/count?userId=" + alice, c, null);

            // post
            long text = id(call("POST", "/api/v1/post", b, Map.of("title", "Hello", "text", "first words")), "post");
            long image = id(
                    call(
                            "POST",
                            "/api/v1/post",
                            b,
                            Map.of(
                                    "title",
                                    "Pictures",
                                    "text",
                                    "look",
                                    "picKeys",
                                    "k1.png,k2.png",
                                    "longitude",
                                    13.4,
                                    "latitude",
                                    52.5,
                                    "position",
                                    "Berlin")),
                    "post");
            long video = id(
                    call(
                            "POST",
                            "/api/v1/post",
                            c,
                            Map.of(
                                    "title",
                                    "Film",
                                    "text",
                                    "watch",
                                    "videoKey",
                                    "v.mp4",
                                    "videoDuration",
                                    12,
                                    "coverKey",
                                    "c.png",
                                    "coverWidth",
                                    640,
                                    "coverHeight",
                                    480)),
                    "post");
            call("POST", "/api/v1/post", b, Map.of("title", "", "longitude", 500)); // 400
            call("POST", "/api/v1/post", b, Map.of("userId", alice, "title", "as someone else")); // 403
            call("PUT", "/api/v1/post/update", b, Map.of("id", text, "title", "Hello again", "text", "edited"));
            call("PUT", "/api/v1/post/update", a, Map.of("id", text, "title", "mine now")); // 403
            call("PUT", "/api/v1/post/update", b, Map.of("id", 999999, "title", "gone")); // 404
            call("GET", "/api/v1/post/" + text, a, null);
            call("POST", "/api/v1/post/list/ids", a, Map.of("ids", List.of(video, 999999, text)));
            call("POST", "/api/v1/post/user/list", a, Map.of("userId", bob, "page", 0, "limit", 10));
            call("POST", "/api/v1/post/view", a, Map.of("id", image));
            call("POST", "/api/v1/post/share", a, Map.of("id", image));
            call("POST", "/api/v1/post/view", a, Map.of("id", 999999));

            // comment
            long comment = id(
                    call("POST", "/api/v1/comment", a, Map.of("postId", text, "content", "nice", "deviceType", "web")),
                    "comment");
            long reply = id(
                    call(
                            "POST",
                            "/api/v1/comment/reply",
                            b,
                            Map.of("commentId", comment, "content", "thanks", "deviceType", "ios")),
                    "comment");
            call("POST", "/api/v1/comment/reply", a, Map.of("commentId", reply, "content", "too deep")); // 20210
            call("POST", "/api/v1/comment", a, Map.of("postId", 999999, "content", "nowhere")); // 404
            call("POST", "/api/v1/comment", a, Map.of("postId", text, "content", "")); // 400
            call("PUT", "/api/v1/comment/update", a, Map.of("id", comment, "content", "very nice"));
            call("PUT", "/api/v1/comment/update", b, Map.of("id", comment, "content", "not yours")); // 403
            call("GET", "/api/v1/comment/" + comment, b, null); // author sees ip
            call("GET", "/api/v1/comment/" + comment, c, null); // others do not
            call("POST", "/api/v1/comment/list/ids", a, Map.of("ids", List.of(reply, comment)));
            call("POST", "/api/v1/comment/latest/list", a, Map.of("postId", text, "page", 0, "limit", 10));
            call("POST", "/api/v1/comment/reply/list", a, Map.of("commentId", comment, "page", 0, "limit", 10));

            // like
            call("POST", "/api/v1/like", a, Map.of("objType", 1, "objId", text));
            call("POST", "/api/v1/like", c, Map.of("objType", 1, "objId", text));
            call("POST", "/api/v1/like", a, Map.of("objType", 2, "objId", comment));
            call("POST", "/api/v1/like", a, Map.of("objType", 3, "objId", comment)); // 400
            call("POST", "/api/v1/like", a, Map.of("objType", 1, "objId", 999999)); // 404
            call("POST", "/api/v1/like/post/list", b, Map.of("postId", text, "page", 0, "limit", 10));
            call("POST", "/api/v1/like/comment/list", b, Map.of("commentId", comment, "page", 0, "limit", 10));
            call("POST", "/api/v1/like/delete", c, Map.of("objType", 1, "objId", text));
            call("POST", "/api/v1/comment/hot/list", a, Map.of("postId", text, "page", 0, "limit", 10));

            // collect
            call("POST", "/api/v1/collect", a, Map.of("postId", text));
            call("POST", "/api/v1/collect", a, Map.of("postId", video));
            call("POST", "/api/v1/collect", b, Map.of("postId", text)); // own post
            Api.Answer mine = call("POST", "/api/v1/collect/list", a, Map.of("userId", alice, "page", 0, "limit", 10));
            call("POST", "/api/v1/collect/list", b, Map.of("userId", alice, "page", 0, "limit", 10)); // private
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> collects =
                    (List<Map<String, Object>>) mine.data().get("collects");
            long collectOfVideo = ((Number) collects.get(0).get("id")).longValue();
            call("POST", "/api/v1/collect/delete", b, Map.of("id", collectOfVideo)); // 403
            call("POST", "/api/v1/collect/delete", a, Map.of("id", collectOfVideo));

            // lists and the feed after engagement
            call("POST", "/api/v1/post/latest/list", a, Map.of("page", 0, "limit", 10));
            call("POST", "/api/v1/post/hot/list", a, Map.of("page", 0, "limit", 10));
            call("POST", "/api/v1/feed/list", a, Map.of("page", 0, "limit", 10));
            call("POST", "/api/v1/feed/list", c, Map.of("page", 0, "limit", 10));
            call("POST", "/api/v1/feed/list", a, Map.of("page", -1, "limit", 1000)); // 400

            // deletions and their effect on counters
            call("POST", "/api/v1/comment/delete", b, Map.of("id", comment, "delFlag", 1)); // 403
            call("POST", "/api/v1/comment/delete", a, Map.of("id", comment, "delFlag", 1));
            call("GET", "/api/v1/post/" + text, a, null);
            call("POST", "/api/v1/post/delete", a, Map.of("id", image, "delFlag", 1)); // 403
            call("POST", "/api/v1/post/delete", a, Map.of("id", image, "delFlag", 2)); // 403 not admin
            call("POST", "/api/v1/post/delete", admin, Map.of("id", image, "delFlag", 2));
            call("POST", "/api/v1/post/delete", c, Map.of("id", video, "delFlag", 1));
            call("POST", "/api/v1/collect/list", a, Map.of("userId", alice, "page", 0, "limit", 10));

            // sessions end
            call("POST", "/api/v1/auth/logout", a, Map.of("id", bob)); // 403
            call("POST", "/api/v1/auth/logout", a, Map.of());
            call("GET", "/api/v1/user/" + alice, a, null); // 401
            call("DELETE", "/api/v1/user/" + bob, c, null); // 403
            call("DELETE", "/api/v1/user/" + bob, admin, null);
            call("GET", "/api/v1/user/" + bob, b, null); // 401
            call("GET", "/codes", null, null);
            return exchanges;
        }
    }

    /** Tokens and times differ by nature; everything else must match. */
    @SuppressWarnings("unchecked")
    private static Object mask(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> {
                if (v != null && (TIMES.contains(k) || k.equals("token"))) {
                    out.put(k, "<" + k + ">");
                } else {
                    out.put(k, mask(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SameAnswersIT::mask).toList();
        }
        return value;
    }
}
