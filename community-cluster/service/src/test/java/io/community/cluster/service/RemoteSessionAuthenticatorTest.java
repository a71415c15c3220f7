package io.community.cluster.service;

import io.community.cluster.discovery.BackendChannelFactory;
import io.community.cluster.discovery.EtcdProperties;

import io.community.cluster.grpc.BackendsProperties;
import io.community.cluster.grpc.InternalCredentialProperties;
import io.community.cluster.grpc.ErrorServerInterceptor;
import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.token.TokenCodec;
import io.community.proto.mapping.CommonProtos;
import io.community.proto.v1.ActorMessage;
import io.community.proto.v1.AuthenticateRequest;
import io.community.proto.v1.UserServiceGrpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The token is judged locally first (no remote call for a forged or expired one), the session by
 * the user service over a real TCP channel; its answers and its absence map to the monolith's reasons.
 */
class RemoteSessionAuthenticatorTest {
    /** Discovery off: the configured static address. */
    private static final BackendChannelFactory STATIC = new BackendChannelFactory(new EtcdProperties(), null);
    private static final byte[] SECRET = "a-test-secret-long-enough-for-hs256-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private final TokenCodec tokens = new TokenCodec(SECRET, "community", Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<String> asked = new CopyOnWriteArrayList<>();
    /** What the fake user service answers for a token. */
    private volatile Function<String, ActorMessage> sessions = token -> CommonProtos.toProto(new Actor(42, Role.ADMIN));
    private Server userService;
    private UserBackend backend;

    @BeforeEach
    void start() throws Exception {
        userService = ServerBuilder.forPort(0).addService(ServerInterceptors.intercept(new UserServiceGrpc.UserServiceImplBase() {
            @Override
            public void authenticate(AuthenticateRequest request, StreamObserver<ActorMessage> observer) {
                asked.add(request.getToken());
                GrpcReplies.reply(observer, sessions.apply(request.getToken()));
            }
        }, new ErrorServerInterceptor())).build().start();
        backend = new UserBackend(backends("127.0.0.1:" + userService.getPort()), STATIC, new InternalCredentialProperties());
    }

    @AfterEach
    void stop() {
        backend.close();
        userService.shutdownNow();
    }

    private RemoteSessionAuthenticator authenticator() {
        return new RemoteSessionAuthenticator(tokens, backend);
    }

    @Test
    void aValidTokenWithALiveSessionIsTheUserServicesActor() {
        String token = tokens.issue(42, "jti-1", NOW.minusSeconds(60));
        assertThat(authenticator().authenticate(token)).isEqualTo(new Actor(42, Role.ADMIN));
        assertThat(asked).containsExactly(token);
    }

    @Test
    void aForgedTokenIsRejectedLocally() {
        String token = tokens.issue(42, "jti-1", NOW.minusSeconds(60));
        int signature = token.lastIndexOf('.') + 5;
        // flip a character inside the signature (appending one would still verify, a known jjwt pitfall)
        String forged = token.substring(0, signature) + (token.charAt(signature) == 'A' ? 'B' : 'A')
                + token.substring(signature + 1);
        assertReason(() -> authenticator().authenticate(forged), ErrorReason.TOKEN_INVALID);
        TokenCodec otherSecret = new TokenCodec("another-secret-that-is-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8),
                "community", Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
        assertReason(() -> authenticator().authenticate(otherSecret.issue(42, "jti-2", NOW)), ErrorReason.TOKEN_INVALID);
        assertReason(() -> authenticator().authenticate("not-a-jwt"), ErrorReason.TOKEN_INVALID);
        assertReason(() -> authenticator().authenticate(""), ErrorReason.NOT_LOGGED_IN);
        assertThat(asked).as("the user service was never asked").isEmpty();
    }

    @Test
    void anExpiredTokenIsRejectedLocally() {
        String expired = tokens.issue(42, "jti-1", NOW.minus(Duration.ofHours(2)));
        assertReason(() -> authenticator().authenticate(expired), ErrorReason.TOKEN_INVALID);
        assertThat(asked).isEmpty();
    }

    @Test
    void aRevokedSessionIsTheUserServicesAnswer() {
        sessions = token -> {
            throw new DomainException(ErrorReason.TOKEN_INVALID, "session revoked");
        };
        String token = tokens.issue(42, "jti-1", NOW);
        DomainException e = assertReason(() -> authenticator().authenticate(token), ErrorReason.TOKEN_INVALID);
        assertThat(e.getMessage()).isEqualTo("session revoked");
        assertThat(asked).containsExactly(token);
    }

    @Test
    void anUnavailableUserServiceIsServiceUnavailable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (UserBackend down = new UserBackend(backends("127.0.0.1:" + closed), STATIC, new InternalCredentialProperties())) {
            String token = tokens.issue(42, "jti-1", NOW);
            assertReason(() -> new RemoteSessionAuthenticator(tokens, down).authenticate(token),
                    ErrorReason.SERVICE_UNAVAILABLE);
        }
    }

    @Test
    void aSlowUserServiceIsDeadlineExceeded() {
        sessions = token -> {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CommonProtos.toProto(new Actor(42, Role.USER));
        };
        BackendsProperties quick = backends("127.0.0.1:" + userService.getPort());
        quick.setDeadline(Duration.ofMillis(200));
        try (UserBackend impatient = new UserBackend(quick, STATIC, new InternalCredentialProperties())) {
            assertReason(() -> new RemoteSessionAuthenticator(tokens, impatient).authenticate(tokens.issue(42, "j", NOW)),
                    ErrorReason.DEADLINE_EXCEEDED);
        }
    }

    @Test
    void anAnswerForSomeoneElseIsRefused() {
        sessions = token -> CommonProtos.toProto(new Actor(43, Role.ADMIN));
        assertReason(() -> authenticator().authenticate(tokens.issue(42, "jti-1", NOW)), ErrorReason.TOKEN_INVALID);
    }

    private static BackendsProperties backends(String user) {
        BackendsProperties properties = new BackendsProperties();
        properties.setUser(user);
        return properties;
    }

    private static DomainException assertReason(Runnable call, ErrorReason reason) {
        DomainException[] caught = new DomainException[1];
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            caught[0] = e;
        });
        return caught[0];
    }
}
