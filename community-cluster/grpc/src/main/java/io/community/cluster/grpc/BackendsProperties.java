package io.community.cluster.grpc;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * {@code community.backends.*}: where the cluster's gRPC services are and how long a call may take.
 * Each address is a gRPC target ({@code host:port}, or later {@code etcd:///<name>}); environment
 * {@code COMMUNITY_BACKENDS_USER}, {@code _RELATION}, {@code _CREATION}, {@code _DEADLINE}.
 * The defaults are the documented local ports, so a cluster started on one machine needs no setting.
 */
@ConfigurationProperties("community.backends")
public class BackendsProperties {
    @NotBlank
    private String user = "127.0.0.1:18282";

    @NotBlank
    private String relation = "127.0.0.1:28282";

    @NotBlank
    private String creation = "127.0.0.1:38282";
    /** Every call gets this deadline unless it already has a shorter one; expiry is a 504. */
    @NotNull
    private Duration deadline = Duration.ofSeconds(3);

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getRelation() {
        return relation;
    }

    public void setRelation(String relation) {
        this.relation = relation;
    }

    public String getCreation() {
        return creation;
    }

    public void setCreation(String creation) {
        this.creation = creation;
    }

    public Duration getDeadline() {
        return deadline;
    }

    public void setDeadline(Duration deadline) {
        if (deadline == null || deadline.isZero() || deadline.isNegative()) {
            throw new IllegalArgumentException("community.backends.deadline must be positive, got " + deadline);
        }
        this.deadline = deadline;
    }

    @Override
    public String toString() {
        return "BackendsProperties{user=" + user + ", relation=" + relation + ", creation=" + creation + ", deadline="
                + deadline + "}";
    }
}
