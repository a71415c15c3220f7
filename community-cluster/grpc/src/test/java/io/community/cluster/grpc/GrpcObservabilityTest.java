package io.community.cluster.grpc;

import io.community.common.observability.RequestIds;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracing and request ids across a real in-process gRPC call: the client span and the server span are
 * one trace, the server span's parent is the client span (traceparent went through the metadata),
 * the caller's trace continues, and the request id reaches the server's MDC.
 */
class GrpcObservabilityTest {
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private final GrpcObservability observability = new GrpcObservability(otel);
    private final TestService service = new TestService();
    private final AtomicReference<String> seenRequestId = new AtomicReference<>();
    private final AtomicReference<String> seenTraceId = new AtomicReference<>();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws IOException {
        String name = InProcessServerBuilder.generateName();
        service.handler = request -> {
            seenRequestId.set(MDC.get(RequestIds.MDC_KEY));
            seenTraceId.set(Span.current().getSpanContext().getTraceId());
            return "ok";
        };
        // as a service runs them: tracing outermost, then the access log
        server = InProcessServerBuilder.forName(name)
                .executor(Executors.newCachedThreadPool())
                .addService(ServerInterceptors.intercept(
                        service, new AccessLogServerInterceptor(), observability.tracingServerInterceptor()))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name)
                .intercept(observability.clientInterceptors())
                .build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        otel.close();
    }

    @Test
    void oneTraceFromTheCallerThroughTheClientSpanToTheServerSpanWithTheRequestId() {
        Span parent = otel.getTracer("test").spanBuilder("http request").startSpan();
        try (Scope ignored = parent.makeCurrent();
                MDC.MDCCloseable id = MDC.putCloseable(RequestIds.MDC_KEY, "req-42")) {
            assertThat(ClientCalls.blockingUnaryCall(
                            ClientInterceptors.intercept(channel),
                            TestService.CALL,
                            io.grpc.CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
                            "hi"))
                    .isEqualTo("ok");
        } finally {
            parent.end();
        }
        String traceId = parent.getSpanContext().getTraceId();
        assertThat(seenRequestId.get()).isEqualTo("req-42");
        assertThat(seenTraceId.get()).isEqualTo(traceId);

        // the server span ends just after the response went out: give it a moment
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (spans.getFinishedSpanItems().stream().noneMatch(s -> s.getKind() == SpanKind.SERVER)
                && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        List<SpanData> finished = spans.getFinishedSpanItems();
        SpanData client = finished.stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT)
                .findFirst()
                .orElseThrow();
        SpanData server = finished.stream()
                .filter(s -> s.getKind() == SpanKind.SERVER)
                .findFirst()
                .orElseThrow();
        assertThat(client.getName()).isEqualTo("test.Echo/Call");
        assertThat(client.getTraceId()).isEqualTo(traceId);
        assertThat(client.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
        assertThat(server.getTraceId()).isEqualTo(traceId);
        assertThat(server.getParentSpanId()).isEqualTo(client.getSpanId());
    }

    @Test
    void withoutARequestIdTheServerMakesOneAndAForgedOneIsReplaced() {
        assertThat(ClientCalls.blockingUnaryCall(channel, TestService.CALL, io.grpc.CallOptions.DEFAULT, "hi"))
                .isEqualTo("ok");
        assertThat(seenRequestId.get()).matches("[0-9a-f-]{36}");

        try (MDC.MDCCloseable id = MDC.putCloseable(RequestIds.MDC_KEY, "forged line\nINFO fake")) {
            assertThat(ClientCalls.blockingUnaryCall(channel, TestService.CALL, io.grpc.CallOptions.DEFAULT, "hi"))
                    .isEqualTo("ok");
        }
        assertThat(seenRequestId.get()).matches("[0-9a-f-]{36}");
    }
}
