package io.community.cluster.relation;

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
import io.community.proto.mapping.RelationProtos;
import io.community.proto.v1.RelationCountMessage;
import io.community.proto.v1.RelationServiceGrpc;
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
 * The real relation service on random ports, on its own fresh MariaDB database and Redis; the user
 * service it calls (sessions, user existence) is a real gRPC server standing in for the peer.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelationGrpcEndpointIT implements TestPropertyProvider {
    private static final String DATABASE = "community_cluster_relation_test";
    private static final String SECRET = "test-secret-that-is-long-enough-for-hs256!";
    private static final AtomicLong IDS = new AtomicLong(1_000);

    @Inject
    ApplicationContext context;

    private TestRedis redis;
    private FakeUserService users;
    private ServiceProbe probe;

    @Override
    public Map<String, String> getProperties() {
        try {
            users = new FakeUserService(SECRET, "relation");
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

    private RelationServiceGrpc.RelationServiceBlockingStub as(String token) {
        return RelationServiceGrpc.newBlockingStub(probe.as(token));
    }

    private record Someone(long id, String token) {}

    private Someone someone() {
        long id = IDS.incrementAndGet();
        return new Someone(id, users.login(id));
    }

    @Test
    void healthAndReflection() throws Exception {
        assertThat(probe.health("")).isEqualTo(ServingStatus.SERVING);
        assertThat(probe.health(RelationServiceGrpc.SERVICE_NAME)).isEqualTo(ServingStatus.SERVING);
        assertThat(probe.reflectedServices()).contains(RelationServiceGrpc.SERVICE_NAME, "grpc.health.v1.Health");
        assertThat(probe.grpcPort()).isNotEqualTo(RelationApplication.GRPC_PORT);
        assertThat(probe.httpPort()).isNotEqualTo(RelationApplication.HTTP_PORT);
    }

    @Test
    void withoutATokenItIsTheMonolithsUnauthenticated() {
        StatusRuntimeException e = ServiceProbe.status(
                () -> RelationServiceGrpc.newBlockingStub(probe.channel()).count(RelationProtos.countRequest(1)));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(GrpcErrors.fromStatus(e).reason()).isEqualTo(ErrorReason.NOT_LOGGED_IN);
    }

    @Test
    void aForgedTokenNeverReachesTheUserService() {
        Someone a = someone();
        String forged = a.token().substring(0, a.token().length() - 3) + "abc";
        int asked = users.authenticated().size();
        assertThat(ServiceProbe.failure(() -> as(forged).count(RelationProtos.countRequest(a.id())))
                        .reason())
                .isEqualTo(ErrorReason.TOKEN_INVALID);
        assertThat(users.authenticated()).hasSize(asked);
    }

    @Test
    void theCallerIsTheGatewaysWordCheckedLocallyWithoutAskingTheUserService() {
        Someone a = someone();
        int asked = users.authenticated().size();
        assertThat(as(a.token()).count(RelationProtos.countRequest(a.id())).getFollowingNum())
                .isZero();
        assertThat(users.authenticated())
                .as("no session check per call any more")
                .hasSize(asked);

        Actor actor = new Actor(a.id(), Role.USER);
        String expired = users.credential()
                .mintCaller(
                        "relation",
                        actor,
                        "s",
                        Instant.now()
                                .minus(InternalCredential.LIFETIME)
                                .minus(InternalCredential.CLOCK_SKEW)
                                .minusSeconds(1));
        String forAnotherService = users.credential().mintCaller("creation", actor, "s");
        String otherCluster = InternalCredential.of("another-cluster-internal-secret-0123456789")
                .orElseThrow()
                .mintCaller("relation", actor, "s");
        String usersOwnSessionToken = users.sessionToken(a.id());
        for (String refused : List.of(expired, forAnotherService, otherCluster, usersOwnSessionToken)) {
            StatusRuntimeException e =
                    ServiceProbe.status(() -> as(refused).count(RelationProtos.countRequest(a.id())));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(GrpcErrors.fromStatus(e).reason()).isEqualTo(ErrorReason.TOKEN_INVALID);
        }
        assertThat(users.authenticated()).hasSize(asked);
    }

    @Test
    void followListsChecksAndCounts() {
        Someone a = someone();
        Someone b = someone();
        Someone c = someone();
        as(a.token()).follow(RelationProtos.followRequest(b.id()));
        as(a.token()).follow(RelationProtos.followRequest(c.id()));
        as(a.token()).follow(RelationProtos.followRequest(c.id())); // idempotent

        assertThat(RelationProtos.toIdPage(as(b.token())
                                .following(RelationProtos.followingRequest(a.id(), new PageRequest(0, 10))))
                        .items())
                .containsExactly(c.id(), b.id());
        assertThat(RelationProtos.toIdPage(as(a.token())
                                .followers(RelationProtos.followersRequest(c.id(), new PageRequest(0, 10))))
                        .items())
                .containsExactly(a.id());
        List<Long> asked = List.of(c.id(), 999_999L, b.id());
        assertThat(RelationProtos.toCheckResult(as(a.token()).check(RelationProtos.checkRequest(asked)), asked))
                .containsExactly(Map.entry(c.id(), true), Map.entry(999_999L, false), Map.entry(b.id(), true));
        RelationCountMessage count = as(a.token()).count(RelationProtos.countRequest(a.id()));
        assertThat(count.getFollowingNum()).isEqualTo(2);
        assertThat(count.getFollowerNum()).isZero();
        assertThat(redis.raw().keys(redis.prefix() + "*"))
                .as("the count is cached in the real Redis")
                .isNotEmpty();
        assertThat(RelationProtos.toFollowingIds(
                        as(a.token()).followingIds(RelationProtos.followingIdsRequest(a.id(), 1))))
                .containsExactly(c.id());

        as(a.token()).unfollow(RelationProtos.unfollowRequest(c.id()));
        assertThat(as(a.token()).count(RelationProtos.countRequest(a.id())).getFollowingNum())
                .isEqualTo(1);
    }

    @Test
    void domainErrorsRoundTripWithTheirErrorInfo() {
        Someone a = someone();
        StatusRuntimeException unknown =
                ServiceProbe.status(() -> as(a.token()).follow(RelationProtos.followRequest(888_888L)));
        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(GrpcErrors.fromStatus(unknown).reason()).isEqualTo(ErrorReason.NOT_FOUND);

        Someone deleted = someone();
        users.delete(deleted.id());
        assertThat(ServiceProbe.failure(() -> as(a.token()).follow(RelationProtos.followRequest(deleted.id())))
                        .reason())
                .isEqualTo(ErrorReason.NOT_FOUND);
        assertThat(ServiceProbe.failure(() -> as(a.token()).follow(RelationProtos.followRequest(a.id())))
                        .reason())
                .isEqualTo(ErrorReason.CANNOT_FOLLOW_SELF);
        // an unset page is limit 0: the monolith's 400, never INTERNAL
        assertThat(ServiceProbe.failure(() -> as(a.token())
                                .following(io.community.proto.v1.FollowingRequest.newBuilder()
                                        .setUserId(a.id())
                                        .build()))
                        .reason())
                .isEqualTo(ErrorReason.INVALID_PARAMS);
        assertThat(ServiceProbe.failure(() -> as(a.token()).check(RelationProtos.checkRequest(List.of())))
                        .reason())
                .isEqualTo(ErrorReason.INVALID_PARAMS);
    }

    @Test
    void anUnavailableUserServiceIsServiceUnavailable() {
        Someone a = someone();
        Someone b = someone();
        users.setUnavailable(true);
        try {
            StatusRuntimeException e =
                    ServiceProbe.status(() -> as(a.token()).follow(RelationProtos.followRequest(b.id())));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(GrpcErrors.fromStatus(e).reason()).isEqualTo(ErrorReason.SERVICE_UNAVAILABLE);
        } finally {
            users.setUnavailable(false);
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
    void theDatabaseHoldsOnlyTheRelationContextsTables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(
                        TestServices.mariaDbUrl(DATABASE), TestServices.mariaDbUser(), TestServices.mariaDbPassword());
                ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase());
            }
        }
        assertThat(tables)
                .contains("user_following", "user_follower", "relation_num", "flyway_history_relation")
                .doesNotContain("user", "post", "comment", "flyway_history_user", "flyway_history_creation");
    }
}
