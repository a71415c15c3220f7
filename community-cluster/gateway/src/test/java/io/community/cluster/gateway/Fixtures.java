package io.community.cluster.gateway;

import io.community.cluster.grpc.InternalCredential;
import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.proto.mapping.UserProtos;
import io.community.proto.v1.DelFlagEnum;
import io.community.proto.v1.PostMessage;
import io.community.proto.v1.PostTypeEnum;
import io.community.proto.v1.UserServiceGrpc;
import io.community.proto.v1.UserSummaryMessage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Messages the doubles answer with, and a plain HTTP client that shows raw statuses and bodies. */
final class Fixtures {
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Fixtures() {}

    /** The cluster's internal secret the gateway under test signs with. */
    static final String INTERNAL_SECRET = "internal-secret-of-the-gateway-tests-0123456789";

    /** The user double accepts {@code tok-<id>} for user {@code <id>} (session {@code s-<id>}); anything else is TOKEN_INVALID. */
    static void acceptTokens(FakeBackends backends) {
        backends.answer(UserServiceGrpc.getAuthenticateMethod(), request -> {
            String token = request.getToken();
            if (!token.startsWith("tok-")) {
                throw new DomainException(ErrorReason.TOKEN_INVALID);
            }
            long id = Long.parseLong(token.substring(4));
            return UserProtos.authenticatedSession(
                    new Actor(id, Role.USER), "s-" + id, Instant.now().plusSeconds(3600));
        });
    }

    /** The caller an {@code authorization} value names, verified as the service {@code audience} would. */
    static Actor callerIn(String authorization, String audience) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new AssertionError("no caller token: " + authorization);
        }
        return InternalCredential.of(INTERNAL_SECRET)
                .orElseThrow()
                .verifyCaller(authorization.substring("Bearer ".length()), audience);
    }

    static PostMessage post(long id, long userId, String title) {
        return PostMessage.newBuilder()
                .setId(id)
                .setPostType(PostTypeEnum.POST_TYPE_TEXT)
                .setUserId(userId)
                .setTitle(title)
                .setContent("{\"text\":\"" + title + "\"}")
                .setDelFlag(DelFlagEnum.DEL_FLAG_NONE)
                .setVisible(1)
                .setPosition("")
                .setCreatedAtMicros(1_700_000_000_123_456L)
                .setUpdatedAtMicros(1_700_000_001_000_000L)
                .build();
    }

    static UserSummaryMessage summary(long id, String nickName) {
        return UserSummaryMessage.newBuilder()
                .setId(id)
                .setName("name" + id)
                .setNickName(nickName)
                .setAvatar("a" + id + ".png")
                .build();
    }

    /**
     * Waits until /health/readiness is 200, i.e. the channels are connected: a cold JVM's first
     * connection on a busy 2-core machine can take longer than a short test deadline.
     */
    static void awaitReady(URI base) {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (get(base, "/health/readiness", null).statusCode() != 200) {
            if (System.nanoTime() > end) {
                throw new AssertionError("gateway not ready: "
                        + get(base, "/health/readiness", null).body());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static HttpResponse<String> get(URI base, String path, String token) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), token);
    }

    static HttpResponse<String> post(URI base, String path, String token, String json) {
        return send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                token);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
