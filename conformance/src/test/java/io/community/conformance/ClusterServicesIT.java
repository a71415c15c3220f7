package io.community.conformance;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only the cluster has: the services' gRPC health and reflection on the real jars, and
 * partial failure — with the creation service stopped, its endpoints answer 503 in the envelope
 * within the deadline while the user and relation endpoints keep working.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterServicesIT extends ConformanceTest {
    private static final Map<String, List<String>> SERVICES = Map.of(
            "user", List.of("community.v1.UserService"),
            "relation", List.of("community.v1.RelationService"),
            "creation",
                    List.of(
                            "community.v1.PostService",
                            "community.v1.CommentService",
                            "community.v1.LikeService",
                            "community.v1.CollectService"));

    /** Reflection is off by default; this class lists the services with it. */
    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("community.grpc.reflection", "true");
    }

    @Test
    @Order(1)
    void eachServiceIsHealthyAndListsItsServicesByReflection() throws Exception {
        for (var service : SERVICES.entrySet()) {
            ManagedChannel channel = ManagedChannelBuilder.forTarget(deployment.grpcTarget(service.getKey()))
                    .usePlaintext()
                    .build();
            try {
                HealthGrpc.HealthBlockingStub health =
                        HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
                assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                        .as(service.getKey())
                        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
                for (String name : service.getValue()) {
                    assertThat(health.check(HealthCheckRequest.newBuilder()
                                            .setService(name)
                                            .build())
                                    .getStatus())
                            .as(name)
                            .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
                }
                assertThat(listServices(channel))
                        .as(service.getKey())
                        .containsAll(service.getValue())
                        .contains("grpc.health.v1.Health");
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Last: it stops a service of the class's deployment. */
    @Test
    @Order(2)
    void withTheCreationServiceStoppedCreationEndpointsAnswer503AndTheRestWorks() {
        Session alice = newUser("outage-a");
        Session bob = newUser("outage-b");
        assertOk(api.post("/api/v1/post", bob.token(), Map.of("title", "before the outage", "text", "hello")));
        // so the feed has someone to read posts of (an empty following list needs no creation call)
        assertOk(api.post("/api/v1/relation/follow", alice.token(), Map.of("followedUid", bob.id())));

        Node creation = deployment.node("creation");
        creation.stop();
        assertThat(creation.alive()).isFalse();
        assertUnavailableWithinDeadline(
                () -> api.post("/api/v1/post/latest/list", alice.token(), Map.of("page", 0, "limit", 10)));
        assertUnavailableWithinDeadline(
                () -> api.post("/api/v1/post", alice.token(), Map.of("title", "during the outage", "text", "hello")));
        assertUnavailableWithinDeadline(
                () -> api.post("/api/v1/like", alice.token(), Map.of("objType", 1, "objId", 1)));
        assertUnavailableWithinDeadline(
                () -> api.post("/api/v1/feed/list", alice.token(), Map.of("page", 0, "limit", 10)));
        // user and relation do not depend on creation
        assertOk(api.get("/api/v1/user/" + alice.id(), alice.token()));
        assertOk(api.post("/api/v1/relation/unfollow", alice.token(), Map.of("followedUid", bob.id())));
        assertOk(api.post("/api/v1/relation/follow", alice.token(), Map.of("followedUid", bob.id())));
        Api.Answer count = api.get("/api/v1/relation/count?userId=" + bob.id(), alice.token());
        assertOk(count);
        assertThat(count.dataLong("followerNum")).isEqualTo(1);
        assertThat(newUser("outage-c").token()).isNotBlank();
    }

    /** 503 in the envelope, and no later than the gateway's default deadline (3 s) plus HTTP overhead. */
    private static void assertUnavailableWithinDeadline(Supplier<Api.Answer> request) {
        long start = System.nanoTime();
        Api.Answer answer = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertError(answer, 503, 10013);
        assertThat(took).as(answer.toString()).isLessThan(Duration.ofSeconds(4));
    }

    private static List<String> listServices(ManagedChannel channel) throws Exception {
        CompletableFuture<List<String>> names = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        names.complete(response.getListServicesResponse().getServiceList().stream()
                                .map(ServiceResponse::getName)
                                .toList());
                    }

                    @Override
                    public void onError(Throwable t) {
                        names.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        names.complete(List.of());
                    }
                });
        requests.onNext(
                ServerReflectionRequest.newBuilder().setListServices("*").build());
        requests.onCompleted();
        return names.get(10, TimeUnit.SECONDS);
    }
}
