package io.community.cluster.discovery;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Objects;

/**
 * What an instance publishes under its key: where to reach its gRPC port, and which build it runs.
 * The instance id is the last segment of the key, not part of the value.
 */
@Serdeable
public record ServiceInstance(String address, int port, String version) {
    public ServiceInstance {
        Objects.requireNonNull(address, "address");
        if (address.isBlank()) {
            throw new IllegalArgumentException("address must not be blank");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        version = version == null ? "" : version;
    }
}
