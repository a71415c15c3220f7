package io.community.cluster.user;

import io.community.cluster.grpc.GrpcErrors;
import io.community.cluster.grpc.InternalCredential;
import io.community.cluster.service.testing.ServiceProbe;
import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.error.FieldError;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.testing.TestRedis;
import io.community.common.testing.TestServices;
import io.community.proto.mapping.CommonProtos;
import io.community.proto.mapping.UserProtos;
import io.community.proto.v1.AuthenticatedSession;
import io.community.proto.v1.LoginResultMessage;
import io.community.proto.v1.SummariesResponse;
import io.community.proto.v1.UserMessage;
import io.community.proto.v1.UserPage;
import io.community.proto.v1.UserServiceGrpc;
import io.community.user.api.ProfileChanges;
import io.community.user.api.UserQuery;
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

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real user service on random ports, on its own fresh MariaDB database and Redis, called
 * through a real gRPC channel with the generated stubs.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserGrpcEndpointIT implements TestPropertyProvider {
    private static final String DATABASE = "community_cluster_user_test";
    private static final String SECRET = "test-secret-that-is-long-enough-for-hs256!";
    private static final String INTERNAL_SECRET = "internal-secret-of-the-test-cluster-0123456789";
    private static final String ADMIN = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

    @Inject
    ApplicationContext context;

    @Inject
    CapturedMail mail;

    private TestRedis redis;
    private ServiceProbe probe;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>();
        TestServices.mariaDbProperties(DATABASE).forEach((k, v) -> p.put(k, String.valueOf(v)));
        p.put("redis.uri", TestServices.redisUri());
        redis = TestRedis.open();
        p.put("community.cache.key-prefix", redis.prefix());
        p.put("community.jwt.secret", SECRET);
        p.put("community.grpc.reflection", "true"); // off by default; its test switches it on
        p.put("community.cluster.internal-secret", INTERNAL_SECRET);
        p.put("community.user.admin-emails", ADMIN);
        p.put("community.test.capture-mail", "true");
        return p;
    }

    @BeforeAll
    void connect() {
        probe = ServiceProbe.of(context);
    }

    @AfterAll
    void cleanUp() throws InterruptedException {
        probe.close();
        redis.close();
    }

    private UserServiceGrpc.UserServiceBlockingStub anonymous() {
        return UserServiceGrpc.newBlockingStub(probe.channel());
    }

    /** A member of the cluster (the gateway, another service): the internal RPCs need its credential. */
    private UserServiceGrpc.UserServiceBlockingStub member() {
        return UserServiceGrpc.newBlockingStub(probe.member(INTERNAL_SECRET));
    }

    /**
     * As the gateway calls for a client holding {@code token}: the session checked with Authenticate
     * (failing as it would), then the caller token the gateway mints for this service.
     */
    private UserServiceGrpc.UserServiceBlockingStub as(String token) {
        AuthenticatedSession session = member().authenticate(UserProtos.authenticateRequest(token));
        return UserServiceGrpc.newBlockingStub(probe.as(InternalCredential.of(INTERNAL_SECRET)
                .orElseThrow()
                .mintCaller("user", CommonProtos.toActor(session.getActor()), session.getSessionId())));
    }

    private record Session(long id, String email, String password, String token) {}

    private Session signUp(String email) {
        String password = "password-" + UUID.randomUUID();
        anonymous().sendEmailCode(UserProtos.sendEmailCodeRequest(email));
        long id = anonymous()
                .register(UserProtos.registerRequest(email, mail.codeFor(email), password))
                .getId();
        LoginResultMessage login = anonymous().login(UserProtos.loginRequest(email, password, "203.0.113.7"));
        assertThat(login.getId()).isEqualTo(id);
        return new Session(id, email, password, login.getToken());
    }

    private static String unique(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void healthAndReflection() throws Exception {
        assertThat(probe.health("")).isEqualTo(ServingStatus.SERVING);
        assertThat(probe.health(UserServiceGrpc.SERVICE_NAME)).isEqualTo(ServingStatus.SERVING);
        assertThat(probe.reflectedServices()).contains(UserServiceGrpc.SERVICE_NAME, "grpc.health.v1.Health");
    }

    @Test
    void theInternalRpcsServeOnlyMembersOfTheCluster() {
        Session carol = signUp(unique("carol"));
        UserServiceGrpc.UserServiceBlockingStub outsider =
                UserServiceGrpc.newBlockingStub(probe.member("not-the-internal-secret-but-long-enough-0123"));
        for (Runnable call : List.<Runnable>of(
                () -> anonymous().summaries(UserProtos.summariesRequest(List.of(carol.id()))),
                () -> anonymous().authenticate(UserProtos.authenticateRequest(carol.token())),
                () -> outsider.summaries(UserProtos.summariesRequest(List.of(carol.id()))),
                () -> outsider.authenticate(UserProtos.authenticateRequest(carol.token())),
                // a user's own token does not make a member either
                () -> as(carol.token()).summaries(UserProtos.summariesRequest(List.of(carol.id()))))) {
            StatusRuntimeException refused = ServiceProbe.status(call);
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(GrpcErrors.fromStatus(refused).reason()).isEqualTo(ErrorReason.FORBIDDEN);
        }
        assertThat(member().summaries(UserProtos.summariesRequest(List.of(carol.id())))
                        .getSummariesMap())
                .containsKey(carol.id());
        assertThat(CommonProtos.toActor(member().authenticate(UserProtos.authenticateRequest(carol.token()))
                                .getActor())
                        .userId())
                .isEqualTo(carol.id());
        // the public methods stay public: sign-up and login need no membership
        assertThat(anonymous()
                        .login(UserProtos.loginRequest(carol.email(), carol.password(), "203.0.113.7"))
                        .getToken())
                .isNotBlank();
    }

    @Test
    void testsUseRandomPorts() {
        assertThat(probe.grpcPort()).isNotEqualTo(UserApplication.GRPC_PORT);
        assertThat(probe.httpPort()).isNotEqualTo(UserApplication.HTTP_PORT);
    }

    @Test
    void aProtectedMethodWithoutTokenIsTheMonolithsUnauthenticated() {
        StatusRuntimeException e = ServiceProbe.status(() -> anonymous().get(UserProtos.getUserRequest(1)));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(GrpcErrors.fromStatus(e).reason()).isEqualTo(ErrorReason.NOT_LOGGED_IN);
        assertThat(ServiceProbe.failure(() -> UserServiceGrpc.newBlockingStub(probe.as("not-a-jwt"))
                                .get(UserProtos.getUserRequest(1)))
                        .reason())
                .isEqualTo(ErrorReason.TOKEN_INVALID);
    }

    @Test
    void aUsersOwnTokenOrACallerTokenForAnotherServiceIsNoCaller() {
        Session erin = signUp(unique("erin"));
        InternalCredential cluster = InternalCredential.of(INTERNAL_SECRET).orElseThrow();
        Actor actor = new Actor(erin.id(), Role.USER);
        for (String refused : List.of(
                erin.token(),
                cluster.mintCaller("relation", actor, "s"),
                cluster.mintCaller("user", actor, "s", java.time.Instant.now().minusSeconds(60)),
                InternalCredential.of("another-cluster-internal-secret-0123456789")
                        .orElseThrow()
                        .mintCaller("user", actor, "s"))) {
            StatusRuntimeException e = ServiceProbe.status(
                    () -> UserServiceGrpc.newBlockingStub(probe.as(refused)).get(UserProtos.getUserRequest(erin.id())));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(GrpcErrors.fromStatus(e).reason()).isEqualTo(ErrorReason.TOKEN_INVALID);
        }
        assertThat(UserServiceGrpc.newBlockingStub(probe.as(cluster.mintCaller("user", actor, "s")))
                        .get(UserProtos.getUserRequest(erin.id()))
                        .getId())
                .isEqualTo(erin.id());
    }

    @Test
    void theWholeUserLifecycleThroughTheEndpoint() {
        Session alice = signUp(unique("alice"));
        // the session is in the real Redis, under this class's prefix
        assertThat(redis.raw().keys(redis.prefix() + "*")).isNotEmpty();

        AuthenticatedSession session = member().authenticate(UserProtos.authenticateRequest(alice.token()));
        assertThat(CommonProtos.toActor(session.getActor()).userId()).isEqualTo(alice.id());
        assertThat(CommonProtos.toActor(session.getActor()).role()).isEqualTo(Role.USER);
        assertThat(session.getSessionId()).isNotBlank();
        assertThat(CommonProtos.toInstant(session.getExpiresAtMicros()))
                .isAfter(java.time.Instant.now().plusSeconds(3600));

        as(alice.token())
                .update(UserProtos.updateUserRequest(
                        alice.id(), new ProfileChanges("Alice", "ali", null, null, 2, 30, null)));
        UserMessage me = as(alice.token()).get(UserProtos.getUserRequest(alice.id()));
        assertThat(me.getName()).isEqualTo("Alice");
        assertThat(me.getAge()).isEqualTo(30);
        assertThat(me.hasEmail()).as("own contact data is shown").isTrue();
        assertThat(me.getLoginIp()).isEqualTo("203.0.113.7");

        Session bob = signUp(unique("bob"));
        UserMessage seenByBob = as(bob.token()).get(UserProtos.getUserRequest(alice.id()));
        assertThat(seenByBob.hasEmail())
                .as("hidden from others: unset, not \"\"")
                .isFalse();

        SummariesResponse summaries =
                member().summaries(UserProtos.summariesRequest(List.of(alice.id(), bob.id(), 999_999_999L)));
        assertThat(summaries.getSummariesMap()).containsOnlyKeys(alice.id(), bob.id());
        assertThat(summaries.getSummariesMap().get(alice.id()).getNickName()).isEqualTo("ali");

        // admin list: refused to a user, answered to the admin
        assertThat(ServiceProbe.failure(() -> as(bob.token())
                                .list(UserProtos.listUsersRequest(new UserQuery(0, 10, null, List.of()))))
                        .reason())
                .isEqualTo(ErrorReason.FORBIDDEN);
        Session admin = signUp(ADMIN);
        UserPage page = as(admin.token()).list(UserProtos.listUsersRequest(new UserQuery(0, 100, null, List.of())));
        assertThat(page.getTotal()).isGreaterThanOrEqualTo(3);

        // password change revokes every session of the user
        String newPassword = "another-password-1";
        as(alice.token()).changePassword(UserProtos.changePasswordRequest(alice.id(), alice.password(), newPassword));
        assertThat(ServiceProbe.failure(() -> as(alice.token()).get(UserProtos.getUserRequest(alice.id())))
                        .reason())
                .isEqualTo(ErrorReason.TOKEN_INVALID);
        String again = anonymous()
                .login(UserProtos.loginRequest(alice.email(), newPassword, null))
                .getToken();

        // logout revokes the presented session
        as(again).logout(UserProtos.logoutRequest(again));
        assertThat(ServiceProbe.failure(() -> member().authenticate(UserProtos.authenticateRequest(again)))
                        .reason())
                .isEqualTo(ErrorReason.TOKEN_INVALID);

        // delete: self, then gone
        as(bob.token()).delete(UserProtos.deleteUserRequest(bob.id()));
        assertThat(member().summaries(UserProtos.summariesRequest(List.of(bob.id())))
                        .getSummariesMap())
                .isEmpty();
    }

    @Test
    void domainErrorsRoundTripWithTheirErrorInfo() {
        Session carol = signUp(unique("carol"));
        StatusRuntimeException notFound =
                ServiceProbe.status(() -> as(carol.token()).get(UserProtos.getUserRequest(999_999_999L)));
        assertThat(notFound.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(GrpcErrors.fromStatus(notFound).reason()).isEqualTo(ErrorReason.NOT_FOUND);

        DomainException wrongPassword = ServiceProbe.failure(
                () -> anonymous().login(UserProtos.loginRequest(carol.email(), "wrong-password", null)));
        assertThat(wrongPassword.reason()).isEqualTo(ErrorReason.LOGIN_FAILED);

        String dave = unique("dave");
        anonymous().sendEmailCode(UserProtos.sendEmailCodeRequest(dave));
        String wrongCode = mail.codeFor(dave).equals("000000") ? "111111" : "000000";
        assertThat(ServiceProbe.failure(() ->
                                anonymous().register(UserProtos.registerRequest(dave, wrongCode, "password-dave")))
                        .reason())
                .isEqualTo(ErrorReason.EMAIL_CODE_INVALID);
        assertThat(ServiceProbe.failure(() -> anonymous().sendEmailCode(UserProtos.sendEmailCodeRequest(carol.email())))
                        .reason())
                .isEqualTo(ErrorReason.ALREADY_EXISTS);
    }

    @Test
    void badInputIsTheMappedBadRequestNeverInternal() {
        Session erin = signUp(unique("erin"));
        StatusRuntimeException e = ServiceProbe.status(() -> as(erin.token())
                .update(UserProtos.updateUserRequest(
                        erin.id(), new ProfileChanges(null, null, null, null, 9, null, null))));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        DomainException rebuilt = GrpcErrors.fromStatus(e);
        assertThat(rebuilt.reason()).isEqualTo(ErrorReason.INVALID_PARAMS);
        assertThat(rebuilt.fieldErrors()).extracting(FieldError::field).contains("gender");
        assertThat(ServiceProbe.failure(
                                () -> anonymous().sendEmailCode(UserProtos.sendEmailCodeRequest("not-an-email")))
                        .reason())
                .isEqualTo(ErrorReason.INVALID_PARAMS);
        assertThat(ServiceProbe.failure(() -> as(erin.token())
                                .logout(io.community.proto.v1.LogoutRequest.newBuilder()
                                        .setPresentedToken("garbage")
                                        .build()))
                        .reason())
                .isEqualTo(ErrorReason.TOKEN_INVALID);
    }

    @Test
    void managementServesReadinessAndMetrics() throws Exception {
        HttpResponse<String> ready = probe.get("/health/readiness");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(probe.get("/health/liveness").statusCode()).isEqualTo(200);
        member().summaries(UserProtos.summariesRequest(List.of(1L)));
        HttpResponse<String> metrics = probe.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("jvm_memory_used_bytes")
                .contains("hikaricp_connections")
                .contains("grpc_server_processing_duration_seconds_count");
    }

    @Test
    void theDatabaseHoldsOnlyTheUserContextsTables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(
                        TestServices.mariaDbUrl(DATABASE), TestServices.mariaDbUser(), TestServices.mariaDbPassword());
                ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase());
            }
        }
        assertThat(tables)
                .contains("user", "flyway_history_user")
                .doesNotContain(
                        "post",
                        "comment",
                        "user_following",
                        "relation_num",
                        "flyway_history_relation",
                        "flyway_history_creation");
    }
}
