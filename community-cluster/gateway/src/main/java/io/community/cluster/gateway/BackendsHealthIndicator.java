package io.community.cluster.gateway;

import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Readiness of the gateway from its backends: {@code grpc.health.v1.Health/Check} (whole server,
 * service name "") on each, in parallel, with a short deadline of its own. Not a liveness check:
 * a backend outage must never get the gateway process restarted.
 *
 * <p>The gateway is DOWN when a {@link ReadinessProperties#getRequired() required} backend (by
 * default only {@code user}) does not answer SERVING; the details name every backend's state
 * ({@code SERVING}, {@code NOT_SERVING}, or the gRPC code of the failed check, e.g.
 * {@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED}, {@code UNIMPLEMENTED}) but never its address.
 */
@Singleton
public class BackendsHealthIndicator implements HealthIndicator {
    static final String NAME = "backends";
    private static final Logger LOG = LoggerFactory.getLogger(BackendsHealthIndicator.class);
    private static final HealthCheckRequest WHOLE_SERVER =
            HealthCheckRequest.newBuilder().setService("").build();

    private final List<Backend> backends;
    private final ReadinessProperties properties;
    private final Map<String, String> lastStates = new ConcurrentHashMap<>();

    public BackendsHealthIndicator(List<Backend> backends, ReadinessProperties properties) {
        this.backends = backends.stream()
                .sorted((a, b) ->
                        ReadinessProperties.BACKENDS.indexOf(a.name()) - ReadinessProperties.BACKENDS.indexOf(b.name()))
                .toList();
        this.properties = properties;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<Backend, CompletableFuture<String>> checks = new LinkedHashMap<>();
        backends.forEach(backend -> checks.put(backend, check(backend)));
        CompletableFuture<HealthResult> result = CompletableFuture.allOf(
                        checks.values().toArray(CompletableFuture[]::new))
                .thenApply(ignored -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    boolean up = true;
                    for (Map.Entry<Backend, CompletableFuture<String>> check : checks.entrySet()) {
                        String name = check.getKey().name();
                        String state = check.getValue().join();
                        boolean required = properties.getRequired().contains(name);
                        up &= !required || serving(state);
                        details.put(name, Map.of("status", state, "required", required));
                        remember(check.getKey(), state);
                    }
                    return HealthResult.builder(NAME, up ? HealthStatus.UP : HealthStatus.DOWN)
                            .details(details)
                            .build();
                });
        return Publishers.fromCompletableFuture(result);
    }

    private CompletableFuture<String> check(Backend backend) {
        CompletableFuture<String> state = new CompletableFuture<>();
        HealthGrpc.newStub(backend.channel())
                .withDeadlineAfter(properties.getTimeout().toNanos(), TimeUnit.NANOSECONDS)
                .check(WHOLE_SERVER, new StreamObserver<>() {
                    @Override
                    public void onNext(HealthCheckResponse response) {
                        state.complete(response.getStatus().name());
                    }

                    @Override
                    public void onError(Throwable t) {
                        Status.Code code = Status.fromThrowable(t).getCode();
                        if (code == Status.Code.UNAVAILABLE) {
                            // After failed connects gRPC waits up to 2 minutes (exponential backoff)
                            // before it tries again; the probe makes it retry now, so a restarted
                            // backend is used again within one probe period.
                            backend.channel().resetConnectBackoff();
                        }
                        state.complete(code.name());
                    }

                    @Override
                    public void onCompleted() {
                        // unary: onNext or onError already completed the state
                    }
                });
        return state;
    }

    private static boolean serving(String state) {
        return HealthCheckResponse.ServingStatus.SERVING.name().equals(state);
    }

    /** One log line per change of a backend's state, not one per probe. */
    private void remember(Backend backend, String state) {
        String previous = lastStates.put(backend.name(), state);
        if (state.equals(previous)) {
            return;
        }
        if (serving(state)) {
            LOG.info("Backend {} ({}) is {}", backend.name(), backend.target(), state);
        } else {
            LOG.warn(
                    "Backend {} ({}) is {}{}",
                    backend.name(),
                    backend.target(),
                    state,
                    previous == null ? "" : " (was " + previous + ")");
        }
    }
}
