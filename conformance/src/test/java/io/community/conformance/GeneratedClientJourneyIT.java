package io.community.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.community.client.ApiClient;
import io.community.client.ApiException;
import io.community.client.api.CollectApi;
import io.community.client.api.CommentApi;
import io.community.client.api.FeedApi;
import io.community.client.api.LikeApi;
import io.community.client.api.PostApi;
import io.community.client.api.RelationApi;
import io.community.client.api.UserApi;
import io.community.client.model.ChangePasswordRequest;
import io.community.client.model.CollectRequest;
import io.community.client.model.CreateCommentRequest;
import io.community.client.model.CreatePostRequest;
import io.community.client.model.FeedRequest;
import io.community.client.model.FollowRequest;
import io.community.client.model.LikeRequest;
import io.community.client.model.ListCollectsRequest;
import io.community.client.model.LoginData;
import io.community.client.model.LoginRequest;
import io.community.client.model.LogoutRequest;
import io.community.client.model.PostInfo;
import io.community.client.model.RegisterRequest;
import io.community.client.model.SendEmailCodeRequest;
import io.community.client.model.UpdateUserRequest;
import io.community.client.model.UserInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The OpenAPI document is good enough to generate a client from: the Java client that
 * openapi-generator made from it during this build ({@code target/generated-client}, library
 * {@code native}) drives the user journey and a creation journey, against each deployment. Nothing
 * here speaks HTTP by hand except fetching the served document, which must be the very file the
 * client was generated from.
 */
class GeneratedClientJourneyIT extends ConformanceTest {
    private static final Pattern OPERATION_ID = Pattern.compile("(?m)^\\s+operationId: (\\S+)$");

    /** The client's APIs for one caller; a null token is an anonymous client. */
    private record Client(
            UserApi users,
            RelationApi relations,
            PostApi posts,
            CommentApi comments,
            LikeApi likes,
            CollectApi collects,
            FeedApi feed) {}

    private Client client(String token) {
        ApiClient apiClient = new ApiClient();
        apiClient.updateBaseUri(deployment.baseUri().toString().replaceAll("/$", ""));
        apiClient.setReadTimeout(Duration.ofSeconds(30));
        if (token != null) {
            apiClient.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return new Client(
                new UserApi(apiClient),
                new RelationApi(apiClient),
                new PostApi(apiClient),
                new CommentApi(apiClient),
                new LikeApi(apiClient),
                new CollectApi(apiClient),
                new FeedApi(apiClient));
    }

    private static Path spec() {
        return Path.of(System.getProperty("conformance.openapi.spec"));
    }

    @Test
    void theServedDocumentIsTheOneTheClientWasGeneratedFrom() throws Exception {
        HttpResponse<String> served = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(deployment.baseUri().resolve("/swagger/" + spec().getFileName()))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(Files.readString(spec(), StandardCharsets.UTF_8));
    }

    @Test
    void everyOperationHasAUniqueChosenId() throws IOException {
        List<String> ids = new ArrayList<>();
        Matcher m = OPERATION_ID.matcher(Files.readString(spec(), StandardCharsets.UTF_8));
        while (m.find()) {
            ids.add(m.group(1));
        }
        // 42 business operations and GET /codes
        assertThat(ids)
                .hasSize(43)
                .doesNotHaveDuplicates()
                .contains("sendEmailCode", "register", "login", "logout", "createPost", "listLatestPosts", "listFeed")
                .noneMatch(id -> id.matches(".*_\\d+"));
    }

    @Test
    void theUserJourneyThroughTheGeneratedClient() throws ApiException {
        Client anonymous = client(null);
        String email = uniqueEmail("generated");

        assertThat(anonymous
                        .users()
                        .sendEmailCode(new SendEmailCodeRequest().email(email))
                        .getCode())
                .isZero();
        long id = anonymous
                .users()
                .register(new RegisterRequest()
                        .email(email)
                        .emailCode(TestMailServer.lastCodeFor(email))
                        .password("first-password"))
                .getData()
                .getId();
        LoginData login = anonymous
                .users()
                .login(new LoginRequest().email(email).password("first-password"))
                .getData();
        assertThat(login.getId()).isEqualTo(id);

        Client me = client(login.getToken());
        UserInfo profile = me.users().getUser(id).getData().getUserInfo();
        assertThat(profile.getEmail()).isEqualTo(email);
        assertThat(profile.getLoginIp()).isEqualTo("127.0.0.1");

        me.users()
                .updateUser(
                        id,
                        new UpdateUserRequest()
                                .nickName("Gen 😀")
                                .gender(2)
                                .age(30)
                                .birthday("1996-02-29"));
        UserInfo updated = me.users().getUser(id).getData().getUserInfo();
        assertThat(updated.getNickName()).isEqualTo("Gen 😀");
        assertThat(updated.getGender()).isEqualTo(2);
        assertThat(updated.getBirthday()).isEqualTo("1996-02-29");

        // a stranger's view leaves out the contact data, as the document says
        Session stranger = newUser("stranger");
        UserInfo seen = client(stranger.token()).users().getUser(id).getData().getUserInfo();
        assertThat(seen.getEmail()).isNull();
        assertThat(seen.getNickName()).isEqualTo("Gen 😀");

        me.users()
                .changePassword(
                        id,
                        new ChangePasswordRequest()
                                .oldPassword("first-password")
                                .password("second-password"));
        assertFailure(() -> me.users().getUser(id), 401, 20612);
        assertFailure(
                () -> anonymous.users().login(new LoginRequest().email(email).password("first-password")), 401, 20611);

        Client again = client(anonymous
                .users()
                .login(new LoginRequest().email(email).password("second-password"))
                .getData()
                .getToken());
        assertThat(again.users().getUser(id).getData().getUserInfo().getId()).isEqualTo(id);
        again.users().logout(new LogoutRequest().id(id));
        assertFailure(() -> again.users().getUser(id), 401, 20612);
    }

    @Test
    void creationThroughTheGeneratedClientWithTheDocumentedContentShapes() throws Exception {
        Session authorSession = newUser("gen-author");
        Session readerSession = newUser("gen-reader");
        Client author = client(authorSession.token());
        Client reader = client(readerSession.token());

        PostInfo text = author.posts()
                .createPost(new CreatePostRequest().title("Text").text("hello"))
                .getData()
                .getPost();
        PostInfo image = author.posts()
                .createPost(new CreatePostRequest().title("Image").text("pics").picKeys("a.jpg,b.jpg"))
                .getData()
                .getPost();
        PostInfo video = author.posts()
                .createPost(new CreatePostRequest()
                        .title("Video")
                        .videoKey("v.mp4")
                        .videoDuration(30)
                        .coverKey("c.jpg")
                        .coverWidth(640)
                        .coverHeight(360))
                .getData()
                .getPost();

        // content is the JSON document PostInfo.content describes, one shape per postType
        assertThat(text.getPostType()).isEqualTo(1);
        assertThat(content(text).get("text").asText()).isEqualTo("hello");
        assertThat(image.getPostType()).isEqualTo(2);
        assertThat(content(image).get("pic")).extracting(JsonNode::asText).containsExactly("a.jpg", "b.jpg");
        assertThat(video.getPostType()).isEqualTo(3);
        JsonNode v = content(video).get("video");
        assertThat(content(video).get("text").asText()).isEmpty();
        assertThat(v.get("video_url").asText()).isEqualTo("v.mp4");
        assertThat(v.get("duration").asInt()).isEqualTo(30);
        assertThat(v.get("cover_url").asText()).isEqualTo("c.jpg");
        assertThat(List.of(v.get("cover_width").asInt(), v.get("cover_height").asInt()))
                .containsExactly(640, 360);

        reader.relations().follow(new FollowRequest().followedUid(authorSession.id()));
        reader.comments()
                .createComment(new CreateCommentRequest().postId(text.getId()).content("nice"));
        reader.likes().like(new LikeRequest().objType(1).objId(text.getId()));
        reader.collects().collectPost(new CollectRequest().postId(text.getId()));
        PostInfo engaged = reader.posts().getPost(text.getId()).getData().getPost();
        assertThat(List.of(engaged.getCommentCount(), engaged.getLikeCount(), engaged.getCollectCount()))
                .containsExactly(1L, 1L, 1L);
        assertThat(reader.feed()
                        .listFeed(new FeedRequest().page(0).limit(10))
                        .getData()
                        .getPosts())
                .extracting(PostInfo::getId)
                .containsExactly(video.getId(), image.getId(), text.getId());
        assertThat(reader.collects()
                        .listCollects(new ListCollectsRequest()
                                .userId(readerSession.id())
                                .page(0)
                                .limit(10))
                        .getData()
                        .getTotal())
                .isEqualTo(1L);

        // errors come back in the documented envelope, with the operation's documented status
        assertFailure(() -> author.relations().follow(new FollowRequest().followedUid(authorSession.id())), 400, 20506);
        assertFailure(
                () -> reader.relations()
                        .follow(new FollowRequest().userId(authorSession.id()).followedUid(authorSession.id())),
                403,
                10008);
    }

    private JsonNode content(PostInfo post) throws IOException {
        return json.readTree(post.getContent());
    }

    private interface Call {
        void run() throws ApiException;
    }

    /** The call fails with this status, and its body is the documented ErrorEnvelope with this code. */
    private void assertFailure(Call call, int status, int code) {
        ApiException e = catchThrowableOfType(ApiException.class, call::run);
        assertThat(e).as("the call must fail").isNotNull();
        assertThat(e.getCode()).as(e.getResponseBody()).isEqualTo(status);
        try {
            JsonNode body = json.readTree(e.getResponseBody());
            assertThat(body.get("code").asInt()).isEqualTo(code);
            assertThat(body.get("msg").isTextual()).isTrue();
            assertThat(body.get("data").isObject()).isTrue();
        } catch (IOException ex) {
            throw new AssertionError("not JSON: " + e.getResponseBody(), ex);
        }
    }
}
