package io.community.cluster.service.testing;

import io.community.cluster.grpc.BearerClientInterceptor;
import io.community.cluster.grpc.GrpcErrors;
import io.community.cluster.grpc.InternalCredential;
import io.community.common.error.DomainException;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client of one running service, as a probe, a tool or the gateway sees it: a real gRPC channel
 * to its gRPC port and HTTP to its management port. Shared by the three services' tests.
 */
public final class ServiceProbe implements AutoCloseable {
    private final ManagedChannel channel;
    private final URI management;
    private final int grpcPort;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceProbe(int grpcPort, URI management) {
        this.grpcPort = grpcPort;
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort)
                .usePlaintext()
                .build();
        this.management = management;
    }

    /** For a context whose HTTP server (and with it the gRPC server) is running. */
    public static ServiceProbe of(ApplicationContext context) {
        GrpcEmbeddedServer grpc = context.getBean(GrpcEmbeddedServer.class);
        EmbeddedServer http = context.getBean(EmbeddedServer.class);
        if (http instanceof GrpcEmbeddedServer) {
            throw new IllegalStateException("no HTTP management server in this context");
        }
        return new ServiceProbe(grpc.getPort(), http.getURI());
    }

    public int grpcPort() {
        return grpcPort;
    }

    public int httpPort() {
        return management.getPort();
    }

    /** Without any authorization metadata. */
    public ManagedChannel channel() {
        return channel;
    }

    /** Every call carries {@code authorization: Bearer <token>}: the caller token the gateway sends. */
    public Channel as(String token) {
        return ClientInterceptors.intercept(channel, new BearerClientInterceptor(() -> Optional.of(token)));
    }

    /** Every call carries the cluster's internal credential, as a member (the gateway, a service) sends it. */
    public Channel member(String internalSecret) {
        return ClientInterceptors.intercept(
                channel, InternalCredential.of(internalSecret).orElseThrow().clientInterceptor());
    }

    public HealthCheckResponse.ServingStatus health(String service) {
        return HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(service).build())
                .getStatus();
    }

    /** The service names the reflection service (grpc.reflection.v1) lists. */
    public List<String> reflectedServices() throws Exception {
        CompletableFuture<List<String>> names = new CompletableFuture<>();
        List<String> collected = new ArrayList<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        response.getListServicesResponse().getServiceList().stream()
                                .map(ServiceResponse::getName)
                                .forEach(collected::add);
                    }

                    @Override
                    public void onError(Throwable t) {
                        names.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        names.complete(collected);
                    }
                });
        requests.onNext(
                ServerReflectionRequest.newBuilder().setListServices("*").build());
        requests.onCompleted();
        return names.get(10, TimeUnit.SECONDS);
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(management.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The DomainException a failed call rebuilds to on the caller's side (what the gateway would see). */
    public static DomainException failure(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return GrpcErrors.fromStatus(e);
        }
        throw new AssertionError("the call succeeded, but a failure was expected");
    }

    /** The raw status of a failed call. */
    public static StatusRuntimeException status(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call succeeded, but a failure was expected");
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
