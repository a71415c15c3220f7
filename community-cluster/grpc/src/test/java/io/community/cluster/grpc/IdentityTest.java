package io.community.cluster.grpc;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The token from the client interceptor to the server's Authenticator and into CallerContext,
 * through a real in-process server: test.Echo/Login is public, test.Echo/Call protected.
 */
class IdentityTest {
    private final TestService service = new TestService();
    private final List<String> authenticated = new CopyOnWriteArrayList<>();
    private final List<String> authorizationSeen = new CopyOnWriteArrayList<>();
    private final AtomicReference<Optional<String>> currentToken = new AtomicReference<>(Optional.empty());
    private volatile Authenticator authenticator = this::authenticate;
    private Server server;
    private ManagedChannel channel;
    private Channel client;

    /** Like the real one: empty token → NOT_LOGGED_IN, unknown token → TOKEN_INVALID. */
    private Actor authenticate(String token) {
        authenticated.add(token);
        return switch (token) {
            case "" -> throw new DomainException(ErrorReason.NOT_LOGGED_IN);
            case "token-of-42" -> new Actor(42, Role.USER);
            case "token-of-1" -> new Actor(1, Role.ADMIN);
            default -> throw new DomainException(ErrorReason.TOKEN_INVALID);
        };
    }

    @BeforeEach
    void start() throws IOException {
        String name = InProcessServerBuilder.generateName();
        ServerInterceptor recordAuthorization = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                authorizationSeen.add(String.valueOf(headers.get(Bearer.AUTHORIZATION)));
                return next.startCall(call, headers);
            }
        };
        Authenticator delegating = token -> authenticator.authenticate(token);
        server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.intercept(
                        service,
                        new IdentityServerInterceptor(delegating, Set.of(TestService.LOGIN.getFullMethodName())),
                        new ErrorServerInterceptor(),
                        recordAuthorization))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
        client = ClientInterceptors.intercept(channel, new BearerClientInterceptor(currentToken::get));
        service.handler = request -> CallerContext.actor()
                .map(a -> a.userId() + "/" + a.role() + "/"
                        + CallerContext.token().orElse("?"))
                .orElse("anonymous");
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void tokenTravelsToTheAuthenticatorAndIntoCallerContext() {
        currentToken.set(Optional.of("token-of-42"));

        String answer = ClientCalls.blockingUnaryCall(client, TestService.CALL, CallOptions.DEFAULT, "x");

        assertThat(answer).isEqualTo("42/USER/token-of-42");
        assertThat(authorizationSeen).containsExactly("Bearer token-of-42");
        assertThat(authenticated).containsExactly("token-of-42");
        assertThat(service.invocations).hasValue(1);
    }

    @Test
    void requireActorInsideTheHandler() {
        service.handler = request -> {
            Actor actor = CallerContext.requireActor();
            return actor.isAdmin() + ":" + actor.userId();
        };
        currentToken.set(Optional.of("token-of-1"));

        assertThat(ClientCalls.blockingUnaryCall(client, TestService.CALL, CallOptions.DEFAULT, "x"))
                .isEqualTo("true:1");
    }

    @Test
    void theSupplierIsAskedForEveryCall() {
        currentToken.set(Optional.of("token-of-42"));
        String first = ClientCalls.blockingUnaryCall(client, TestService.CALL, CallOptions.DEFAULT, "x");
        currentToken.set(Optional.of("token-of-1"));
        String second = ClientCalls.blockingUnaryCall(client, TestService.CALL, CallOptions.DEFAULT, "x");

        assertThat(first).isEqualTo("42/USER/token-of-42");
        assertThat(second).isEqualTo("1/ADMIN/token-of-1");
    }

    @Test
    void clientInterceptorReplacesAnAuthorizationAlreadyAttached() {
        Metadata stale = new Metadata();
        stale.put(Bearer.AUTHORIZATION, "Bearer stale");
        Channel both = ClientInterceptors.intercept(
                channel,
                new BearerClientInterceptor(currentToken::get),
                MetadataUtils.newAttachHeadersInterceptor(stale));
        currentToken.set(Optional.of("token-of-42"));

        assertThat(ClientCalls.blockingUnaryCall(both, TestService.CALL, CallOptions.DEFAULT, "x"))
                .isEqualTo("42/USER/token-of-42");
        assertThat(authorizationSeen).containsExactly("Bearer token-of-42");
    }

    @Test
    void publicMethodWorksWithoutToken() {
        String answer = ClientCalls.blockingUnaryCall(client, TestService.LOGIN, CallOptions.DEFAULT, "x");

        assertThat(answer).isEqualTo("anonymous");
        assertThat(authorizationSeen).containsExactly("null");
        assertThat(authenticated).isEmpty();
        assertThat(service.invocations).hasValue(1);
    }

    @Test
    void publicMethodIgnoresABadToken() {
        currentToken.set(Optional.of("garbage"));

        assertThat(ClientCalls.blockingUnaryCall(client, TestService.LOGIN, CallOptions.DEFAULT, "x"))
                .isEqualTo("anonymous");
        assertThat(authenticated).isEmpty();
    }

    @Test
    void requireActorOnAPublicMethodIsNotLoggedIn() {
        service.handler = request -> Long.toString(CallerContext.requireActor().userId());

        DomainException e = failure(TestService.LOGIN);

        assertThat(e.reason()).isEqualTo(ErrorReason.NOT_LOGGED_IN);
    }

    @Test
    void protectedMethodWithoutTokenIsNotLoggedInAndNeverRuns() {
        StatusRuntimeException sre = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(client, TestService.CALL, CallOptions.DEFAULT, "x"));

        assertThat(sre.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        DomainException e = GrpcErrors.fromStatus(sre);
        assertThat(e.reason()).isEqualTo(ErrorReason.NOT_LOGGED_IN);
        // the monolith's AuthFilter text, so the envelope through the gateway is the same
        assertThat(e.getMessage()).isEqualTo("missing bearer token");
        assertThat(authenticated).isEmpty();
        assertThat(service.invocations).hasValue(0);
    }

    @Test
    void protectedMethodWithBadTokenIsTokenInvalidAndNeverRuns() {
        currentToken.set(Optional.of("forged"));

        DomainException e = failure(TestService.CALL);

        assertThat(e.reason()).isEqualTo(ErrorReason.TOKEN_INVALID);
        assertThat(e.getMessage()).isEqualTo("token verification failed");
        assertThat(authenticated).containsExactly("forged");
        assertThat(service.invocations).hasValue(0);
    }

    @Test
    void anotherSchemeIsTokenInvalid() {
        Metadata basic = new Metadata();
        basic.put(Bearer.AUTHORIZATION, "Basic dXNlcjpwYXNz");
        Channel basicClient = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(basic));

        DomainException e = GrpcErrors.fromStatus(catchThrowableOfType(
                StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(basicClient, TestService.CALL, CallOptions.DEFAULT, "x")));

        assertThat(e.reason()).isEqualTo(ErrorReason.TOKEN_INVALID);
        assertThat(authenticated).isEmpty();
        assertThat(service.invocations).hasValue(0);
    }

    @Test
    void emptyBearerIsJudgedByTheAuthenticator() {
        Metadata empty = new Metadata();
        empty.put(Bearer.AUTHORIZATION, "Bearer   ");
        Channel emptyClient = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(empty));

        DomainException e = GrpcErrors.fromStatus(catchThrowableOfType(
                StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(emptyClient, TestService.CALL, CallOptions.DEFAULT, "x")));

        assertThat(e.reason()).isEqualTo(ErrorReason.NOT_LOGGED_IN);
        assertThat(authenticated).containsExactly("");
        assertThat(service.invocations).hasValue(0);
    }

    @Test
    void failingAuthenticatorFailsClosed() {
        authenticator = token -> {
            throw new IllegalStateException("session store down");
        };
        currentToken.set(Optional.of("token-of-42"));

        StatusRuntimeException sre = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(client, TestService.CALL, CallOptions.DEFAULT, "x"));

        assertThat(sre.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(sre.getStatus().getDescription()).isEqualTo("internal server error");
        assertThat(service.invocations).hasValue(0);
    }

    @Test
    void authenticatorOutageKeepsItsReason() {
        authenticator = token -> {
            throw new DomainException(ErrorReason.SERVICE_UNAVAILABLE);
        };
        currentToken.set(Optional.of("token-of-42"));

        assertThat(failure(TestService.CALL).reason()).isEqualTo(ErrorReason.SERVICE_UNAVAILABLE);
        assertThat(service.invocations).hasValue(0);
    }

    @Test
    void callerContextOutsideACallIsEmpty() {
        assertThat(CallerContext.actor()).isEmpty();
        assertThat(CallerContext.token()).isEmpty();
        assertThatThrownBy(CallerContext::requireActor)
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.NOT_LOGGED_IN));
    }

    @Test
    void callerContextCanBeBoundDirectly() throws Exception {
        Context bound = CallerContext.with(Context.ROOT, new Actor(5, Role.USER), "t5");

        String seen = bound.call(() -> CallerContext.requireActor().userId() + ":"
                + CallerContext.token().orElseThrow());

        assertThat(seen).isEqualTo("5:t5");
    }

    @Test
    void bearerHelpers() {
        assertThat(Bearer.header("abc")).isEqualTo("Bearer abc");
        assertThatThrownBy(() -> Bearer.header(" ")).isInstanceOf(IllegalArgumentException.class);

        Metadata headers = new Metadata();
        Bearer.put(headers, "one");
        Bearer.put(headers, "two");
        assertThat(headers.getAll(Bearer.AUTHORIZATION)).containsExactly("Bearer two");
        assertThat(Bearer.require(headers)).isEqualTo("two");

        Metadata lowerCase = new Metadata();
        lowerCase.put(Bearer.AUTHORIZATION, "bearer  xyz ");
        assertThat(Bearer.require(lowerCase)).isEqualTo("xyz");

        assertThatThrownBy(() -> Bearer.require(new Metadata()))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.NOT_LOGGED_IN));
    }

    private DomainException failure(io.grpc.MethodDescriptor<String, String> method) {
        StatusRuntimeException sre = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(client, method, CallOptions.DEFAULT, "x"));
        assertThat(sre).as("the call should have failed").isNotNull();
        return GrpcErrors.fromStatus(sre);
    }
}
