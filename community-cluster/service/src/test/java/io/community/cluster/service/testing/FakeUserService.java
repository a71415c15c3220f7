package io.community.cluster.service.testing;

import io.community.cluster.grpc.ErrorServerInterceptor;
import io.community.cluster.grpc.InternalCredential;
import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.token.TokenClaims;
import io.community.common.token.TokenCodec;
import io.community.proto.mapping.UserProtos;
import io.community.proto.v1.AuthenticateRequest;
import io.community.proto.v1.AuthenticatedSession;
import io.community.proto.v1.SummariesRequest;
import io.community.proto.v1.SummariesResponse;
import io.community.proto.v1.UserServiceGrpc;
import io.community.proto.v1.UserSummaryMessage;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The rest of the cluster as the relation and creation services see it over the network: a real
 * gRPC server on a random local port answering Authenticate (tokens signed with the shared secret,
 * sessions revocable) and Summaries (registered users minus deleted ones), and the gateway's part:
 * {@link #login} hands out the caller token the gateway would mint for the service under test
 * ({@code audience}) with {@link #INTERNAL_SECRET}. A stand-in for the peers only; the real user
 * service and gateway run end to end in the conformance suite.
 */
public final class FakeUserService extends UserServiceGrpc.UserServiceImplBase implements AutoCloseable {
    /** The cluster's internal secret in these tests: set it as {@code community.cluster.internal-secret}. */
    public static final String INTERNAL_SECRET = "internal-secret-of-the-fake-cluster-0123456789";

    private final TokenCodec tokens;
    private final String audience;
    private final InternalCredential credential =
            InternalCredential.of(INTERNAL_SECRET).orElseThrow();
    private final Server server;
    private final Set<Long> users = ConcurrentHashMap.newKeySet();
    private final Set<Long> admins = ConcurrentHashMap.newKeySet();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final List<String> authenticated = new CopyOnWriteArrayList<>();
    private volatile boolean unavailable;

    public FakeUserService(String secret, String audience) throws IOException {
        this.audience = audience;
        this.tokens = new TokenCodec(
                secret.getBytes(StandardCharsets.UTF_8), "community", Duration.ofHours(1), Clock.systemUTC());
        this.server = ServerBuilder.forPort(0)
                .addService(ServerInterceptors.intercept(this, new ErrorServerInterceptor()))
                .build()
                .start();
    }

    public String target() {
        return "127.0.0.1:" + server.getPort();
    }

    /**
     * Registers a user and returns the caller token the gateway would send the service under test
     * after the user logged in (valid {@link InternalCredential#LIFETIME}).
     */
    public String login(long userId) {
        users.add(userId);
        return credential.mintCaller(
                audience,
                new Actor(userId, admins.contains(userId) ? Role.ADMIN : Role.USER),
                "jti-" + userId + "-" + System.nanoTime());
    }

    /** A user's own session token (what a client holds; services must not accept it). */
    public String sessionToken(long userId) {
        users.add(userId);
        return tokens.issue(userId, "jti-" + userId + "-" + System.nanoTime(), Instant.now());
    }

    /** The signer of the gateway's tokens, for tests that mint unusual ones (expired, for another service). */
    public InternalCredential credential() {
        return credential;
    }

    public String loginAdmin(long userId) {
        admins.add(userId);
        return login(userId);
    }

    public void delete(long userId) {
        users.remove(userId);
    }

    public void revoke(String token) {
        revoked.add(token);
    }

    /** Answers every call with a bare UNAVAILABLE, as a dead peer behind a proxy would. */
    public void setUnavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    /** The tokens Authenticate was asked about. */
    public List<String> authenticated() {
        return authenticated;
    }

    @Override
    public void authenticate(AuthenticateRequest request, StreamObserver<AuthenticatedSession> observer) {
        authenticated.add(request.getToken());
        failIfUnavailable();
        TokenClaims claims = tokens.verify(request.getToken());
        if (revoked.contains(request.getToken()) || !users.contains(claims.userId())) {
            throw new DomainException(ErrorReason.TOKEN_INVALID);
        }
        Role role = admins.contains(claims.userId()) ? Role.ADMIN : Role.USER;
        observer.onNext(
                UserProtos.authenticatedSession(new Actor(claims.userId(), role), claims.jti(), claims.expiresAt()));
        observer.onCompleted();
    }

    @Override
    public void summaries(SummariesRequest request, StreamObserver<SummariesResponse> observer) {
        failIfUnavailable();
        SummariesResponse.Builder answer = SummariesResponse.newBuilder();
        for (long id : request.getIdsList()) {
            if (users.contains(id)) {
                answer.putSummaries(
                        id,
                        UserSummaryMessage.newBuilder()
                                .setId(id)
                                .setName("user" + id)
                                .build());
            }
        }
        observer.onNext(answer.build());
        observer.onCompleted();
    }

    private void failIfUnavailable() {
        if (unavailable) {
            throw Status.UNAVAILABLE.withDescription("user service down").asRuntimeException();
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
