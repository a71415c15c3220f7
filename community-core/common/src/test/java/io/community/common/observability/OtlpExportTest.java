package io.community.common.observability;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code OTEL_TRACES_EXPORTER=otlp} really sends: the OTLP exporter runs on the OkHttp 4 that the
 * Zipkin sender brings (the pom keeps OkHttp 5 out), checked against a local HTTP receiver.
 */
class OtlpExportTest {

    @Test
    void spansReachAnOtlpHttpReceiver() throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            received.add(exchange.getRequestMethod() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestBody().readAllBytes().length);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            AutoConfiguredOpenTelemetrySdkBuilder builder = AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> Map.of(
                            "otel.traces.exporter",
                            "otlp",
                            "otel.exporter.otlp.protocol",
                            "http/protobuf",
                            "otel.exporter.otlp.endpoint",
                            "http://127.0.0.1:" + receiver.getAddress().getPort(),
                            "otel.metrics.exporter",
                            "none",
                            "otel.logs.exporter",
                            "none",
                            "otel.service.name",
                            "otlp-test"));
            new TracingDefaults(new AdjustableSampler()).configure(builder);
            try (OpenTelemetrySdk sdk = builder.build().getOpenTelemetrySdk()) {
                sdk.getTracer("test").spanBuilder("exported").startSpan().end();
                assertThat(sdk.getSdkTracerProvider()
                                .forceFlush()
                                .join(10, TimeUnit.SECONDS)
                                .isSuccess())
                        .isTrue();
            }
        } finally {
            receiver.stop(0);
        }
        assertThat(received).singleElement().asString().startsWith("POST application/x-protobuf ");
    }
}
