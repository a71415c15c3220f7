package io.community.cluster.grpc;

import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A tiny unary string service built by hand, so the tests need no protoc: {@code test.Echo/Call}
 * (protected in the identity tests) and {@code test.Echo/Login} (public). Both run the same
 * replaceable handler and count how often it ran.
 */
final class TestService implements BindableService {
    static final MethodDescriptor<String, String> CALL = method("Call");
    static final MethodDescriptor<String, String> LOGIN = method("Login");
    /** Marked side-effect free, as the contract marks its reads. */
    static final MethodDescriptor<String, String> READ =
            method("Read").toBuilder().setSafe(true).build();

    final AtomicInteger invocations = new AtomicInteger();
    volatile UnaryOperator<String> handler = request -> "echo:" + request;

    @Override
    public ServerServiceDefinition bindService() {
        ServerCalls.UnaryMethod<String, String> method = (request, response) -> {
            invocations.incrementAndGet();
            // exceptions escape from here, i.e. from the listener's onHalfClose
            response.onNext(handler.apply(request));
            response.onCompleted();
        };
        return ServerServiceDefinition.builder("test.Echo")
                .addMethod(CALL, ServerCalls.asyncUnaryCall(method))
                .addMethod(LOGIN, ServerCalls.asyncUnaryCall(method))
                .addMethod(READ, ServerCalls.asyncUnaryCall(method))
                .build();
    }

    private static MethodDescriptor<String, String> method(String name) {
        return MethodDescriptor.<String, String>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName("test.Echo", name))
                .setRequestMarshaller(Utf8.INSTANCE)
                .setResponseMarshaller(Utf8.INSTANCE)
                .build();
    }

    private enum Utf8 implements MethodDescriptor.Marshaller<String> {
        INSTANCE;

        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
