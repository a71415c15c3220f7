package io.community.cluster.discovery;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code community.etcd.*}. Discovery is on when {@code endpoints} is set (environment
 * {@code COMMUNITY_ETCD_ENDPOINTS}, a comma-separated list of URLs such as
 * {@code http://127.0.0.1:2379}); without it the cluster uses the static addresses of
 * {@code community.backends.*}.
 */
@ConfigurationProperties("community.etcd")
public class EtcdProperties {
    private List<String> endpoints = new ArrayList<>();

    @Nullable
    private String username;

    @Nullable
    private String password;
    /** Trust store for {@code https://} endpoints: a PEM file of CA certificates; unset = the JVM's defaults. */
    @Nullable
    private String caFile;

    private Duration connectTimeout = Duration.ofSeconds(3);
    /** Bound on each etcd request made by registration and discovery. */
    private Duration requestTimeout = Duration.ofSeconds(3);
    /** An instance's key lives this long after its last keep-alive: how long a crashed instance stays listed. */
    private Duration leaseTtl = Duration.ofSeconds(10);
    /** Cap of the backoff between attempts to re-register or re-list while etcd is unreachable. */
    private Duration maxBackoff = Duration.ofSeconds(2);
    /** Instances live under {@code <keyPrefix><service>/<instance-id>}. */
    private String keyPrefix = "/community/services/";
    /**
     * After deregistering, a stopping instance keeps serving this long before it drains and stops, so
     * every client's watch has removed it before it refuses new calls.
     */
    private Duration deregistrationGrace = Duration.ofSeconds(2);
    /**
     * The host other processes reach this instance's gRPC port at (a pod IP, a host name); unset =
     * {@code grpc.server.host} when that names one address, else this machine's address.
     */
    @Nullable
    private String advertiseHost;

    public boolean enabled() {
        return endpoints != null && endpoints.stream().anyMatch(e -> !e.isBlank());
    }

    public List<String> getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(List<String> endpoints) {
        this.endpoints = endpoints == null
                ? new ArrayList<>()
                : endpoints.stream().map(String::trim).filter(e -> !e.isEmpty()).toList();
    }

    @Nullable
    public String getUsername() {
        return username;
    }

    public void setUsername(@Nullable String username) {
        this.username = username;
    }

    @Nullable
    public String getPassword() {
        return password;
    }

    public void setPassword(@Nullable String password) {
        this.password = password;
    }

    @Nullable
    public String getCaFile() {
        return caFile;
    }

    public void setCaFile(@Nullable String caFile) {
        this.caFile = caFile;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive("connect-timeout", connectTimeout);
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = positive("request-timeout", requestTimeout);
    }

    public Duration getLeaseTtl() {
        return leaseTtl;
    }

    public void setLeaseTtl(Duration leaseTtl) {
        if (positive("lease-ttl", leaseTtl).toSeconds() < 2) {
            throw new IllegalArgumentException(
                    "community.etcd.lease-ttl must be at least 2s (etcd counts whole seconds), got " + leaseTtl);
        }
        this.leaseTtl = leaseTtl;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = positive("max-backoff", maxBackoff);
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        if (keyPrefix == null || keyPrefix.isBlank()) {
            throw new IllegalArgumentException("community.etcd.key-prefix must not be blank");
        }
        this.keyPrefix = keyPrefix.endsWith("/") ? keyPrefix : keyPrefix + "/";
    }

    public Duration getDeregistrationGrace() {
        return deregistrationGrace;
    }

    public void setDeregistrationGrace(Duration deregistrationGrace) {
        if (deregistrationGrace == null || deregistrationGrace.isNegative()) {
            throw new IllegalArgumentException("community.etcd.deregistration-grace must not be negative");
        }
        this.deregistrationGrace = deregistrationGrace;
    }

    @Nullable
    public String getAdvertiseHost() {
        return advertiseHost;
    }

    public void setAdvertiseHost(@Nullable String advertiseHost) {
        this.advertiseHost = advertiseHost;
    }

    private static Duration positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("community.etcd." + name + " must be positive, got " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        // never the password
        return "EtcdProperties{endpoints=" + endpoints + ", username=" + username
                + ", password=" + (password == null ? "unset" : "***") + ", caFile=" + caFile
                + ", leaseTtl=" + leaseTtl + ", keyPrefix=" + keyPrefix + "}";
    }
}
