package io.community.cluster.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gRPC service config that retries reads, and only reads: methods the contract marks
 * {@code idempotency_level = NO_SIDE_EFFECTS} ({@link MethodDescriptor#isSafe()}), on UNAVAILABLE
 * only — the status of a call that reached no healthy instance. A write is never retried: it may
 * have been applied before the connection broke.
 */
public final class RetryPolicies {

    private RetryPolicies() {}

    /** For {@code ManagedChannelBuilder.defaultServiceConfig(...)}; numbers are doubles as the builder requires. */
    public static Map<String, Object> readsOnUnavailable(List<ServiceDescriptor> services, int maxAttempts) {
        if (maxAttempts < 2) {
            throw new IllegalArgumentException("maxAttempts must be at least 2, got " + maxAttempts);
        }
        List<Object> names = new ArrayList<>();
        for (ServiceDescriptor service : services) {
            for (MethodDescriptor<?, ?> method : service.getMethods()) {
                if (method.isSafe()) {
                    names.add(Map.of("service", service.getName(), "method", method.getBareMethodName()));
                }
            }
        }
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> retry = Map.of(
                "maxAttempts",
                (double) maxAttempts,
                "initialBackoff",
                "0.05s",
                "maxBackoff",
                "0.5s",
                "backoffMultiplier",
                2.0,
                "retryableStatusCodes",
                List.of("UNAVAILABLE"));
        return Map.of("methodConfig", List.of(Map.of("name", names, "retryPolicy", retry)));
    }
}
