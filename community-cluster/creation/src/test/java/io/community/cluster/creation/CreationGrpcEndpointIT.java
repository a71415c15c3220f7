package io.community.cluster.creation;

import io.community.cluster.grpc.GrpcErrors;
import io.community.cluster.grpc.InternalCredential;
import io.community.cluster.service.testing.FakeUserService;
import io.community.cluster.service.testing.ServiceProbe;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.paging.PageRequest;
import io.community.common.testing.TestRedis;
import io.community.common.testing.TestServices;
import io.community.creation.api.Collect;
import io.community.creation.api.Comment;
import io.community.creation.api.DelFlag;
import io.community.creation.api.Like;
import io.community.creation.api.LikeTarget;
import io.community.creation.api.Post;
import io.community.creation.api.PostDraft;
import io.community.creation.api.PostType;
import io.community.proto.mapping.CreationProtos;
import io.community.proto.v1.CollectServiceGrpc;
import io.community.proto.v1.CommentServiceGrpc;
import io.community.proto.v1.DeletePostRequest;
import io.community.proto.v1.LikeRequest;
import io.community.proto.v1.LikeServiceGrpc;
import io.community.proto.v1.PostServiceGrpc;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real creation service on random ports, on its own fresh MariaDB database and Redis; the user
 * service it asks for sessions is a real gRPC server standing in for the peer.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreationGrpcEndpointIT implements TestPropertyProvider {
    private static final String DATABASE = "community_cluster_creation_test";
    private static final String SECRET = "test-secret-that-is-long-enough-for-hs256!";
    private static final AtomicLong IDS = new AtomicLong(5_000);
    private static final PageRequest FIRST = new PageRequest(0, 20);

    @Inject
    ApplicationContext context;

    private TestRedis redis;
    private FakeUserService users;
    private ServiceProbe probe;

    @Override
    public Map<String, String> getProperties() {
        try {
            users = new FakeUserService(SECRET, "creation");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> p = new HashMap<>();
        TestServices.mariaDbProperties(DATABASE).forEach((k, v) -> p.put(k, String.valueOf(v)));
        p.put("redis.uri", TestServices.redisUri());
        redis = TestRedis.open();
        p.put("community.cache.key-prefix", redis.prefix());
        p.put("community.jwt.secret", SECRET);
        p.put("community.cluster.internal-secret", FakeUserService.INTERNAL_SECRET);
        p.put("community.grpc.reflection", "true"); // off by default; its test switches it on
        p.put("community.backends.user", users.target());
        return p;
    }

    @BeforeAll
    void connect() {
        probe = ServiceProbe.of(context);
    }

    @AfterAll
    void cleanUp() throws InterruptedException {
        probe.close();
        users.close();
        redis.close();
    }

    private record Someone(long id, Channel channel) {
        PostServiceGrpc.PostServiceBlockingStub posts() {
            return PostServiceGrpc.newBlockingStub(channel);
        }

        CommentServiceGrpc.CommentServiceBlockingStub comments() {
            return CommentServiceGrpc.newBlockingStub(channel);
        }

        LikeServiceGrpc.LikeServiceBlockingStub likes() {
            return LikeServiceGrpc.newBlockingStub(channel);
        }

        CollectServiceGrpc.CollectServiceBlockingStub collects() {
            return CollectServiceGrpc.newBlockingStub(channel);
        }
    }

    private Someone someone() {
        long id = IDS.incrementAndGet();
        return new Someone(id, probe.as(users.login(id)));
    }

    private static PostDraft text(String title, String text) {
        return new PostDraft(title, text, List.of(), null, null, null, null, null, 12.5, -45.25, "harbour");
    }

    @Test
    void healthAndReflectionListEveryService() throws Exception {
        assertThat(probe.health("")).isEqualTo(ServingStatus.SERVING);
        for (String service : List.of(
                PostServiceGrpc.SERVICE_NAME,
                CommentServiceGrpc.SERVICE_NAME,
                LikeServiceGrpc.SERVICE_NAME,
                CollectServiceGrpc.SERVICE_NAME)) {
            assertThat(probe.health(service)).as(service).isEqualTo(ServingStatus.SERVING);
        }
        assertThat(probe.reflectedServices())
                .contains(
                        PostServiceGrpc.SERVICE_NAME,
                        CommentServiceGrpc.SERVICE_NAME,
                        LikeServiceGrpc.SERVICE_NAME,
                        CollectServiceGrpc.SERVICE_NAME,
                        "grpc.health.v1.Health");
        assertThat(probe.grpcPort()).isNotEqualTo(CreationApplication.GRPC_PORT);
        assertThat(probe.httpPort()).isNotEqualTo(CreationApplication.HTTP_PORT);
    }

    @Test
    void withoutATokenEveryServiceIsUnauthenticated() {
        StatusRuntimeException e = ServiceProbe.status(
                () -> PostServiceGrpc.newBlockingStub(probe.channel()).get(CreationProtos.getPostRequest(1)));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(GrpcErrors.fromStatus(e).reason()).isEqualTo(ErrorReason.NOT_LOGGED_IN);
        assertThat(ServiceProbe.failure(() -> CollectServiceGrpc.newBlockingStub(probe.channel())
                                .list(CreationProtos.listCollectsRequest(1, FIRST)))
                        .reason())
                .isEqualTo(ErrorReason.NOT_LOGGED_IN);
    }

    @Test
    void postsThroughTheirEndpoint() {
        Someone author = someone();
        Post created = CreationProtos.toPost(
                author.posts().create(CreationProtos.createPostRequest(text("Hello", "first post"))));
        assertThat(created.userId()).isEqualTo(author.id());
        assertThat(created.postType()).isEqualTo(PostType.TEXT);
        assertThat(created.latitude()).isEqualTo(-45.25);

        author.posts().update(CreationProtos.updatePostRequest(created.id(), text("Hello again", "edited")));
        Someone reader = someone();
        reader.posts().view(CreationProtos.viewPostRequest(created.id()));
        reader.posts().share(CreationProtos.sharePostRequest(created.id()));
        Post read = CreationProtos.toPost(reader.posts().get(CreationProtos.getPostRequest(created.id())));
        assertThat(read.title()).isEqualTo("Hello again");
        assertThat(read.viewCount()).isEqualTo(1);
        assertThat(read.shareCount()).isEqualTo(1);

        Post second =
                CreationProtos.toPost(author.posts().create(CreationProtos.createPostRequest(text("Two", "second"))));
        assertThat(CreationProtos.toPosts(reader.posts()
                        .getByIds(CreationProtos.getPostsByIdsRequest(List.of(second.id(), 999_999L, created.id())))))
                .extracting(Post::id)
                .containsExactly(second.id(), created.id());
        assertThat(CreationProtos.toPostPage(
                                reader.posts().listByUser(CreationProtos.listPostsByUserRequest(author.id(), FIRST)))
                        .items())
                .extracting(Post::id)
                .containsExactly(second.id(), created.id());
        assertThat(CreationProtos.toPostPage(reader.posts().latest(CreationProtos.latestPostsRequest(FIRST)))
                        .items())
                .extracting(Post::id)
                .contains(second.id(), created.id());
        assertThat(CreationProtos.toPostPage(reader.posts().hot(CreationProtos.hotPostsRequest(FIRST)))
                        .items())
                .extracting(Post::id)
                .contains(second.id(), created.id());
        assertThat(CreationProtos.toPostPage(reader.posts()
                                .listByUsers(CreationProtos.listPostsByUsersRequest(List.of(author.id()), FIRST)))
                        .total())
                .isEqualTo(2);

        author.posts().delete(CreationProtos.deletePostRequest(second.id(), DelFlag.BY_OWNER));
        StatusRuntimeException gone =
                ServiceProbe.status(() -> reader.posts().get(CreationProtos.getPostRequest(second.id())));
        assertThat(gone.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(GrpcErrors.fromStatus(gone).reason()).isEqualTo(ErrorReason.NOT_FOUND);
    }

    @Test
    void commentsAndRepliesThroughTheirEndpoint() {
        Someone author = someone();
        Someone commenter = someone();
        long postId = author.posts()
                .create(CreationProtos.createPostRequest(text("Discuss", "this")))
                .getId();
        Comment top = CreationProtos.toComment(commenter
                .comments()
                .create(CreationProtos.createCommentRequest(postId, "nice", "android", "198.51.100.4")));
        assertThat(top.userId()).isEqualTo(commenter.id());
        assertThat(top.deviceType()).isEqualTo("android");
        Comment answer = CreationProtos.toComment(
                author.comments().reply(CreationProtos.replyCommentRequest(top.id(), "thanks", "web", null)));
        assertThat(answer.parentId()).isEqualTo(top.id());
        commenter.comments().update(CreationProtos.updateCommentRequest(top.id(), "very nice"));

        assertThat(CreationProtos.toComment(author.comments().get(CreationProtos.getCommentRequest(top.id())))
                        .content())
                .isEqualTo("very nice");
        assertThat(CreationProtos.toComments(author.comments()
                        .getByIds(CreationProtos.getCommentsByIdsRequest(List.of(answer.id(), top.id())))))
                .extracting(Comment::id)
                .containsExactly(answer.id(), top.id());
        assertThat(CreationProtos.toCommentPage(
                                author.comments().latest(CreationProtos.latestCommentsRequest(postId, FIRST)))
                        .items())
                .extracting(Comment::id)
                .containsExactly(top.id());
        assertThat(CreationProtos.toCommentPage(author.comments().hot(CreationProtos.hotCommentsRequest(postId, FIRST)))
                        .items())
                .extracting(Comment::id)
                .containsExactly(top.id());
        assertThat(CreationProtos.toCommentPage(
                                author.comments().replies(CreationProtos.commentRepliesRequest(top.id(), FIRST)))
                        .items())
                .extracting(Comment::id)
                .containsExactly(answer.id());
        assertThat(author.posts().get(CreationProtos.getPostRequest(postId)).getCommentCount())
                .isEqualTo(2);

        // one level of replies only: the business reason travels in ErrorInfo
        StatusRuntimeException nested = ServiceProbe.status(() ->
                commenter.comments().reply(CreationProtos.replyCommentRequest(answer.id(), "deeper", "web", null)));
        assertThat(nested.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(GrpcErrors.fromStatus(nested).reason()).isEqualTo(ErrorReason.CANNOT_REPLY_TO_REPLY);
        assertThat(ServiceProbe.failure(() ->
                                author.comments().update(CreationProtos.updateCommentRequest(top.id(), "mine now")))
                        .reason())
                .isEqualTo(ErrorReason.FORBIDDEN);

        commenter.comments().delete(CreationProtos.deleteCommentRequest(top.id(), DelFlag.BY_OWNER));
        assertThat(author.posts().get(CreationProtos.getPostRequest(postId)).getCommentCount())
                .isZero();
    }

    @Test
    void likesThroughTheirEndpoint() {
        Someone author = someone();
        Someone fan = someone();
        long postId = author.posts()
                .create(CreationProtos.createPostRequest(text("Like me", "please")))
                .getId();
        fan.likes().like(CreationProtos.likeRequest(LikeTarget.POST, postId));
        fan.likes().like(CreationProtos.likeRequest(LikeTarget.POST, postId)); // idempotent
        List<Like> likes = CreationProtos.toLikePage(
                        author.likes().listForPost(CreationProtos.listLikesForPostRequest(postId, FIRST)))
                .items();
        assertThat(likes).extracting(Like::userId).containsExactly(fan.id());
        assertThat(author.posts().get(CreationProtos.getPostRequest(postId)).getLikeCount())
                .isEqualTo(1);

        long commentId = author.comments()
                .create(CreationProtos.createCommentRequest(postId, "c", null, null))
                .getId();
        fan.likes().like(CreationProtos.likeRequest(LikeTarget.COMMENT, commentId));
        assertThat(CreationProtos.toLikePage(author.likes()
                                .listForComment(CreationProtos.listLikesForCommentRequest(commentId, FIRST)))
                        .total())
                .isEqualTo(1);

        fan.likes().unlike(CreationProtos.unlikeRequest(LikeTarget.POST, postId));
        assertThat(author.posts().get(CreationProtos.getPostRequest(postId)).getLikeCount())
                .isZero();

        assertThat(ServiceProbe.failure(() -> fan.likes().like(CreationProtos.likeRequest(LikeTarget.POST, 999_999L)))
                        .reason())
                .isEqualTo(ErrorReason.NOT_FOUND);
    }

    @Test
    void collectsThroughTheirEndpoint() {
        Someone author = someone();
        Someone collector = someone();
        long postId = author.posts()
                .create(CreationProtos.createPostRequest(text("Keep", "this")))
                .getId();
        collector.collects().collect(CreationProtos.collectRequest(postId));
        List<Collect> mine = CreationProtos.toCollectPage(
                        collector.collects().list(CreationProtos.listCollectsRequest(collector.id(), FIRST)))
                .items();
        assertThat(mine).extracting(Collect::postId).containsExactly(postId);
        assertThat(author.posts().get(CreationProtos.getPostRequest(postId)).getCollectCount())
                .isEqualTo(1);

        StatusRuntimeException own =
                ServiceProbe.status(() -> author.collects().collect(CreationProtos.collectRequest(postId)));
        assertThat(own.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(GrpcErrors.fromStatus(own).reason()).isEqualTo(ErrorReason.CANNOT_COLLECT_OWN_POST);

        collector
                .collects()
                .uncollect(CreationProtos.uncollectRequest(mine.get(0).id(), postId));
        assertThat(author.posts().get(CreationProtos.getPostRequest(postId)).getCollectCount())
                .isZero();
    }

    @Test
    void badInputIsTheMonolithsBadRequestNeverInternal() {
        Someone someone = someone();
        long postId = someone.posts()
                .create(CreationProtos.createPostRequest(text("x", "y")))
                .getId();
        // no draft at all: the service's own validation answers
        assertThat(ServiceProbe.failure(() ->
                                someone.posts().create(io.community.proto.v1.CreatePostRequest.getDefaultInstance()))
                        .reason()
                        .category())
                .isEqualTo(io.community.common.error.ErrorCategory.INVALID_ARGUMENT);
        // unspecified delete flag and like target, unset page
        assertThat(ServiceProbe.failure(() -> someone.posts()
                                .delete(DeletePostRequest.newBuilder()
                                        .setId(postId)
                                        .build()))
                        .reason()
                        .category())
                .isEqualTo(io.community.common.error.ErrorCategory.INVALID_ARGUMENT);
        StatusRuntimeException target = ServiceProbe.status(() ->
                someone.likes().like(LikeRequest.newBuilder().setObjId(postId).build()));
        assertThat(target.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(GrpcErrors.fromStatus(target).fieldErrors())
                .extracting(f -> f.field())
                .contains("objType");
        assertThat(ServiceProbe.failure(() ->
                                someone.posts().latest(io.community.proto.v1.LatestPostsRequest.getDefaultInstance()))
                        .reason())
                .isEqualTo(ErrorReason.INVALID_PARAMS);
    }

    @Test
    void theUserServiceIsNotNeededToServeTheGatewaysCaller() {
        Someone someone = someone();
        int asked = users.authenticated().size();
        users.setUnavailable(true);
        try {
            // the caller token is verified here; no session check on the user service any more
            someone.posts().latest(CreationProtos.latestPostsRequest(FIRST));
        } finally {
            users.setUnavailable(false);
        }
        assertThat(users.authenticated()).hasSize(asked);
    }

    @Test
    void aCallerTokenThatIsForgedExpiredOrForAnotherServiceIsUnauthenticated() {
        long id = IDS.incrementAndGet();
        Actor actor = new Actor(id, Role.USER);
        String forged = users.login(id);
        forged = forged.substring(0, forged.length() - 3) + (forged.endsWith("abc") ? "abd" : "abc");
        String expired = users.credential()
                .mintCaller(
                        "creation",
                        actor,
                        "s",
                        Instant.now()
                                .minus(InternalCredential.LIFETIME)
                                .minus(InternalCredential.CLOCK_SKEW)
                                .minusSeconds(1));
        for (String refused : List.of(
                forged, expired, users.credential().mintCaller("relation", actor, "s"), users.sessionToken(id))) {
            StatusRuntimeException e = ServiceProbe.status(() -> PostServiceGrpc.newBlockingStub(probe.as(refused))
                    .latest(CreationProtos.latestPostsRequest(FIRST)));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(GrpcErrors.fromStatus(e).reason()).isEqualTo(ErrorReason.TOKEN_INVALID);
        }
    }

    @Test
    void managementServesReadinessAndMetrics() throws Exception {
        HttpResponse<String> ready = probe.get("/health/readiness");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(probe.get("/health/liveness").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = probe.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }

    @Test
    void theDatabaseHoldsOnlyTheCreationContextsTables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(
                        TestServices.mariaDbUrl(DATABASE), TestServices.mariaDbUser(), TestServices.mariaDbPassword());
                ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase());
            }
        }
        assertThat(tables)
                .contains("post", "comment", "user_like", "user_collect", "flyway_history_creation")
                .doesNotContain(
                        "user", "user_following", "relation_num", "flyway_history_user", "flyway_history_relation");
    }
}
