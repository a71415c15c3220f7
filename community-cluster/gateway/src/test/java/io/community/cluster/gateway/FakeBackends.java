package io.community.cluster.gateway;

import io.community.cluster.grpc.Bearer;
import io.community.cluster.grpc.ErrorServerInterceptor;
import io.community.proto.v1.CollectServiceGrpc;
import io.community.proto.v1.CommentServiceGrpc;
import io.community.proto.v1.LikeServiceGrpc;
import io.community.proto.v1.PostServiceGrpc;
import io.community.proto.v1.RelationServiceGrpc;
import io.community.proto.v1.UserServiceGrpc;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.ServerCalls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Test doubles of the three remote peers: real gRPC servers (Netty, loopback, random ports) that
 * serve the real service descriptors of the contract. Each RPC answers with what the test scripted
 * ({@link #answer}), or UNIMPLEMENTED. A thrown DomainException is answered as the real services
 * do it, through community-cluster/grpc's ErrorServerInterceptor (canonical code + ErrorInfo).
 * Every call is recorded with the authorization metadata it arrived with. Each server also serves
 * grpc.health.v1, SERVING until a test says otherwise.
 */
final class FakeBackends implements AutoCloseable {
    /** The authorization metadata of the call being handled, for answers that echo it. */
    static final Context.Key<String> AUTHORIZATION = Context.key("test.authorization");

    record Call(String method, String authorization, Object request) {}

    final Node user;
    final Node relation;
    final Node creation;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Object, Object>> answers = new ConcurrentHashMap<>();

    private FakeBackends() {
        user = new Node(UserServiceGrpc.getServiceDescriptor());
        relation = new Node(RelationServiceGrpc.getServiceDescriptor());
        creation = new Node(
                PostServiceGrpc.getServiceDescriptor(),
                CommentServiceGrpc.getServiceDescriptor(),
                LikeServiceGrpc.getServiceDescriptor(),
                CollectServiceGrpc.getServiceDescriptor());
    }

    static FakeBackends start() {
        return new FakeBackends();
    }

    /** The gateway's configuration pointing at these servers. */
    Map<String, String> properties() {
        return Map.of(
                // the gateway signs its caller tokens with it; Fixtures.callerIn reads them
                "community.cluster.internal-secret", Fixtures.INTERNAL_SECRET,
                "community.backends.user", user.target(),
                "community.backends.relation", relation.target(),
                "community.backends.creation", creation.target());
    }

    @SuppressWarnings("unchecked")
    <Q, R> void answer(MethodDescriptor<Q, R> method, Function<Q, R> answer) {
        answers.put(method.getFullMethodName(), request -> answer.apply((Q) request));
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(MethodDescriptor<?, ?> method) {
        return calls.stream()
                .filter(c -> c.method().equals(method.getFullMethodName()))
                .toList();
    }

    /** Forget scripts and calls; every server SERVING again. Stopped servers stay stopped. */
    void reset() {
        answers.clear();
        calls.clear();
        for (Node node : List.of(user, relation, creation)) {
            node.health.setStatus("", ServingStatus.SERVING);
        }
    }

    @Override
    public void close() {
        user.stop();
        relation.stop();
        creation.stop();
    }

    final class Node {
        final HealthStatusManager health = new HealthStatusManager();
        private final Server server;
        private final int port;

        private Node(ServiceDescriptor... services) {
            NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(health.getHealthService());
            for (ServiceDescriptor service : services) {
                builder.addService(ServerInterceptors.intercept(
                        scripted(service), new RecordAuthorization(), new ErrorServerInterceptor()));
            }
            try {
                server = builder.build().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            port = server.getPort();
        }

        String target() {
            return "127.0.0.1:" + port;
        }

        /** Like a crashed or stopped process: the port refuses connections from now on. */
        void stop() {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ServerServiceDefinition scripted(ServiceDescriptor service) {
        ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(service);
        for (MethodDescriptor<?, ?> method : service.getMethods()) {
            addScripted(builder, method);
        }
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    private <Q, R> void addScripted(ServerServiceDefinition.Builder builder, MethodDescriptor<Q, R> method) {
        String name = method.getFullMethodName();
        builder.addMethod(method, ServerCalls.asyncUnaryCall((request, observer) -> {
            calls.add(new Call(name, AUTHORIZATION.get(), request));
            Function<Object, Object> answer = answers.get(name);
            if (answer == null) {
                throw Status.UNIMPLEMENTED
                        .withDescription("not scripted: " + name)
                        .asRuntimeException();
            }
            observer.onNext((R) answer.apply(request));
            observer.onCompleted();
        }));
    }

    /** Makes the call's authorization metadata visible to the recording and the answers. */
    private static final class RecordAuthorization implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String authorization = headers.get(Bearer.AUTHORIZATION);
            Context context = authorization == null
                    ? Context.current()
                    : Context.current().withValue(AUTHORIZATION, authorization);
            return Contexts.interceptCall(context, call, headers, next);
        }
    }
}
