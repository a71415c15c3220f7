package io.community.cluster.service;

import io.community.cluster.grpc.AccessLogServerInterceptor;
import io.community.cluster.grpc.Authenticator;
import io.community.cluster.grpc.CallerContext;
import io.community.cluster.grpc.ErrorServerInterceptor;
import io.community.cluster.grpc.GrpcErrors;
import io.community.cluster.grpc.IdentityServerInterceptor;
import io.community.cluster.service.testing.ServiceProbe;
import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.proto.mapping.UserProtos;
import io.community.proto.v1.GetUserRequest;
import io.community.proto.v1.LoginRequest;
import io.community.proto.v1.LoginResultMessage;
import io.community.proto.v1.UserMessage;
import io.community.proto.v1.UserServiceGrpc;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.grpc.server.interceptor.OrderedServerInterceptor;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.lang.reflect.Field;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared runtime on its own, with a stand-in business service (a fake UserService) and no
 * database: interceptor order, identity, error mapping, health, reflection, management HTTP.
 */
@MicronautTest(transactional = false, startApplication = true)
@io.micronaut.context.annotation.Property(name = "spec.name", value = "GrpcRuntimeTest")
@io.micronaut.context.annotation.Property(name = "community.grpc.reflection", value = "true") // off by default
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcRuntimeTest {
    @Inject
    ApplicationContext context;

    @Inject
    List<ServerInterceptor> interceptors;

    private ServiceProbe probe;

    @BeforeAll
    void connect() {
        probe = ServiceProbe.of(context);
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        probe.close();
    }

    @Test
    void testsDoNotBindTheFixedPorts() {
        assertThat(probe.grpcPort()).isNotIn(18282, 28282, 38282, 50051);
        assertThat(probe.httpPort()).isNotIn(18283, 28283, 38283, 8080);
    }

    @Test
    void healthIsServingForTheServerAndEachService() {
        assertThat(probe.health("")).isEqualTo(ServingStatus.SERVING);
        assertThat(probe.health(UserServiceGrpc.SERVICE_NAME)).isEqualTo(ServingStatus.SERVING);
        StatusRuntimeException unknown = ServiceProbe.status(() -> probe.health("no.such.Service"));
        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void reflectionListsTheServices() throws Exception {
        assertThat(probe.reflectedServices())
                .contains(
                        UserServiceGrpc.SERVICE_NAME,
                        "grpc.health.v1.Health",
                        "grpc.reflection.v1.ServerReflection",
                        "grpc.reflection.v1alpha.ServerReflection");
    }

    @Test
    void aProtectedMethodWithoutTokenIsUnauthenticatedWithTheMonolithsReason() {
        StatusRuntimeException e = ServiceProbe.status(() -> UserServiceGrpc.newBlockingStub(probe.channel())
                .get(GetUserRequest.newBuilder().setId(7).build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        DomainException rebuilt = GrpcErrors.fromStatus(e);
        assertThat(rebuilt.reason()).isEqualTo(ErrorReason.NOT_LOGGED_IN);
        assertThat(rebuilt.getMessage()).isEqualTo("missing bearer token");
        assertThat(ServiceProbe.failure(() -> UserServiceGrpc.newBlockingStub(probe.as("forged"))
                                .get(GetUserRequest.newBuilder().setId(7).build()))
                        .reason())
                .isEqualTo(ErrorReason.TOKEN_INVALID);
    }

    @Test
    void aPublicMethodNeedsNoToken() {
        LoginResultMessage login = UserServiceGrpc.newBlockingStub(probe.channel())
                .login(UserProtos.loginRequest("a@example.com", "password", null));
        assertThat(login.getToken()).isEqualTo(FakeUsers.TOKEN);
    }

    @Test
    void theHandlerSeesTheVerifiedCaller() {
        UserMessage me =
                UserServiceGrpc.newBlockingStub(probe.as(FakeUsers.TOKEN)).get(UserProtos.getUserRequest(7));
        assertThat(me.getId()).isEqualTo(7);
        assertThat(me.getName()).isEqualTo("caller 7");
    }

    @Test
    void aDomainErrorOfTheHandlerRoundTripsWithItsErrorInfo() {
        StatusRuntimeException e = ServiceProbe.status(
                () -> UserServiceGrpc.newBlockingStub(probe.as(FakeUsers.TOKEN)).get(UserProtos.getUserRequest(404)));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        DomainException rebuilt = GrpcErrors.fromStatus(e);
        assertThat(rebuilt.reason()).isEqualTo(ErrorReason.NOT_FOUND);
        assertThat(rebuilt.getMessage()).isEqualTo("user not found");
    }

    @Test
    void anUnexpectedFailureIsInternalWithoutItsText() {
        StatusRuntimeException e = ServiceProbe.status(
                () -> UserServiceGrpc.newBlockingStub(probe.as(FakeUsers.TOKEN)).get(UserProtos.getUserRequest(500)));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(e.getStatus().getDescription()).doesNotContain("secret detail");
        assertThat(GrpcErrors.fromStatus(e).reason()).isEqualTo(ErrorReason.INTERNAL_ERROR);
    }

    @Test
    void theErrorInterceptorIsOutermost() throws Exception {
        // Micronaut gRPC adds them sorted by descending order; grpc-java runs the last added first
        List<ServerInterceptor> added = new ArrayList<>(interceptors);
        OrderUtil.reverseSort(added);
        List<Class<?>> outsideIn = new ArrayList<>();
        for (int i = added.size() - 1; i >= 0; i--) {
            outsideIn.add(delegate(added.get(i)).getClass());
        }
        // tracing outermost (every call, even a rejected one, is a span of the caller's trace), then the
        // access log with the final status; metrics next, so it records the status the client gets; then
        // the concurrency limit (a refusal costs no identity check); errors around identity
        // (OpenTelemetry's TracingServerInterceptor is package-private: compared by name)
        assertThat(outsideIn)
                .extracting(Class::getName)
                .containsExactly(
                        "io.opentelemetry.instrumentation.grpc.v1_6.TracingServerInterceptor",
                        AccessLogServerInterceptor.class.getName(),
                        MetricCollectingServerInterceptor.class.getName(),
                        ConcurrencyLimitServerInterceptor.class.getName(),
                        ErrorServerInterceptor.class.getName(),
                        IdentityServerInterceptor.class.getName());
    }

    @Test
    void managementAnswersHealthAndPrometheusMetrics() throws Exception {
        HttpResponse<String> live = probe.get("/health/liveness");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("UP");
        HttpResponse<String> ready = probe.get("/health/readiness");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        HttpResponse<String> metrics = probe.get("/metrics");
        assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(metrics.body()).contains("# TYPE").contains("jvm_memory_used_bytes");
        // gRPC calls are measured with the status the client saw (the mapped one)
        ServiceProbe.status(
                () -> UserServiceGrpc.newBlockingStub(probe.as(FakeUsers.TOKEN)).get(UserProtos.getUserRequest(404)));
        ServiceProbe.status(
                () -> UserServiceGrpc.newBlockingStub(probe.channel()).get(UserProtos.getUserRequest(1)));
        assertThat(probe.get("/metrics").body())
                .contains("grpc_server_processing_duration_seconds_count")
                .containsPattern("grpc_server_processing_duration_seconds_count\\{[^}]*statusCode=\"NOT_FOUND\"")
                .containsPattern("grpc_server_processing_duration_seconds_count\\{[^}]*statusCode=\"UNAUTHENTICATED\"");
        assertThat(probe.get("/prometheus").statusCode()).isEqualTo(404);
    }

    @Test
    void reflectionIsOffUnlessSwitchedOn() throws Exception {
        try (EmbeddedServer server =
                        ApplicationContext.run(EmbeddedServer.class, Map.of("spec.name", "GrpcRuntimeTest"));
                ServiceProbe other = ServiceProbe.of(server.getApplicationContext())) {
            StatusRuntimeException off = ServiceProbe.status(() -> {
                try {
                    other.reflectedServices();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw (RuntimeException) e.getCause();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(off.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
            assertThat(other.health("")).isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    void healthTurnsNotServingWhenTheProcessShutsDown() throws Exception {
        try (EmbeddedServer server =
                ApplicationContext.run(EmbeddedServer.class, Map.of("spec.name", "GrpcRuntimeTest"))) {
            try (ServiceProbe other = ServiceProbe.of(server.getApplicationContext())) {
                assertThat(other.health("")).isEqualTo(ServingStatus.SERVING);
                server.getApplicationContext()
                        .getBean(GrpcHealthReporter.class)
                        .stopping(new io.micronaut.runtime.server.event.ServerShutdownEvent(server));
                assertThat(other.health("")).isEqualTo(ServingStatus.NOT_SERVING);
                assertThat(other.health(UserServiceGrpc.SERVICE_NAME)).isEqualTo(ServingStatus.NOT_SERVING);
            }
        }
    }

    private static Object delegate(ServerInterceptor interceptor) throws Exception {
        if (interceptor instanceof OrderedServerInterceptor ordered) {
            Field field = OrderedServerInterceptor.class.getDeclaredField("delegate");
            field.setAccessible(true);
            return field.get(ordered);
        }
        return interceptor;
    }

    /** The stand-in service, its PublicMethods, and an Authenticator standing in for the caller-token check. */
    @Factory
    @Requires(property = "spec.name", value = "GrpcRuntimeTest")
    static class FakeServiceFactory {
        @Singleton
        Authenticator authenticator() {
            return token -> {
                if (FakeUsers.TOKEN.equals(token)) {
                    return new Actor(7, Role.USER);
                }
                throw new DomainException(ErrorReason.TOKEN_INVALID);
            };
        }

        @Singleton
        PublicMethods publicMethods() {
            return PublicMethods.of(UserServiceGrpc.getLoginMethod());
        }
    }

    @Singleton
    @Requires(property = "spec.name", value = "GrpcRuntimeTest")
    static class FakeUsers extends UserServiceGrpc.UserServiceImplBase {
        static final String TOKEN = "token-of-7";

        @Override
        public void login(LoginRequest request, StreamObserver<LoginResultMessage> observer) {
            GrpcReplies.reply(
                    observer,
                    LoginResultMessage.newBuilder().setId(7).setToken(TOKEN).build());
        }

        @Override
        public void get(GetUserRequest request, StreamObserver<UserMessage> observer) {
            Actor caller = CallerContext.requireActor();
            if (request.getId() == 404) {
                throw DomainException.notFound("user");
            }
            if (request.getId() == 500) {
                throw new IllegalStateException("secret detail");
            }
            GrpcReplies.reply(
                    observer,
                    UserMessage.newBuilder()
                            .setId(caller.userId())
                            .setName("caller " + caller.userId())
                            .build());
        }
    }
}
