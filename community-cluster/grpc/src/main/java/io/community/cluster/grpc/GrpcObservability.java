package io.community.cluster.grpc;

import io.grpc.ClientInterceptor;
import io.grpc.ServerInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * What every gRPC call carries for tracing and logs, on both ends: a client span and the W3C
 * {@code traceparent} plus the {@code x-request-id} in the metadata of every outgoing call
 * ({@link #clientInterceptors}, added to each backend channel), and on the server a server span that
 * continues the caller's trace and an access line per call ({@link #tracingServerInterceptor},
 * {@link AccessLogServerInterceptor}). The spans come from OpenTelemetry's gRPC instrumentation library.
 */
@Singleton
public class GrpcObservability {
    private final GrpcTelemetry telemetry;

    public GrpcObservability(OpenTelemetry openTelemetry) {
        this.telemetry = GrpcTelemetry.create(openTelemetry);
    }

    public List<ClientInterceptor> clientInterceptors() {
        return List.of(telemetry.newClientInterceptor(), new RequestIdClientInterceptor());
    }

    public ServerInterceptor tracingServerInterceptor() {
        return telemetry.newServerInterceptor();
    }
}
