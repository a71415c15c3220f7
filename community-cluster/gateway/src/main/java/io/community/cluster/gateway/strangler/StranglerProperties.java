package io.community.cluster.gateway.strangler;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code community.strangler.*}: moving traffic from a monolith to the cluster one context at a time.
 * The start values; with etcd, {@code community.strangler.routes} and {@code community.strangler.frozen}
 * follow {@code /community/config/gateway/...} without a restart.
 */
@ConfigurationProperties("community.strangler")
public class StranglerProperties {
    /** The running monolith's base URL, e.g. {@code http://10.0.0.9:8080}; needed to route any context to it. */
    @Nullable
    private String monolithUrl;
    /** context → {@code cluster} or {@code monolith}; unnamed contexts are served by the cluster. */
    private Map<String, String> routes = new LinkedHashMap<>();
    /** Contexts whose writes answer 503 while their data is copied. */
    private List<String> frozen = new ArrayList<>();
    /** The {@code Retry-After} of a frozen write. */
    private Duration retryAfter = Duration.ofSeconds(5);
    /** Bound of one proxied request, connect to last byte. */
    private Duration proxyTimeout = Duration.ofSeconds(10);

    @Nullable
    public String getMonolithUrl() {
        return monolithUrl;
    }

    public void setMonolithUrl(@Nullable String monolithUrl) {
        this.monolithUrl = monolithUrl;
    }

    public Map<String, String> getRoutes() {
        return routes;
    }

    public void setRoutes(Map<String, String> routes) {
        this.routes = routes == null ? new LinkedHashMap<>() : routes;
    }

    public List<String> getFrozen() {
        return frozen;
    }

    public void setFrozen(List<String> frozen) {
        this.frozen = frozen == null ? new ArrayList<>() : frozen;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("community.strangler.retry-after must be positive, got " + retryAfter);
        }
        this.retryAfter = retryAfter;
    }

    public Duration getProxyTimeout() {
        return proxyTimeout;
    }

    public void setProxyTimeout(Duration proxyTimeout) {
        if (proxyTimeout == null || proxyTimeout.isNegative() || proxyTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "community.strangler.proxy-timeout must be positive, got " + proxyTimeout);
        }
        this.proxyTimeout = proxyTimeout;
    }
}
