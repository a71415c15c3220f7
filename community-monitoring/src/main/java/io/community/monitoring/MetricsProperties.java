package io.community.monitoring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code community.metrics.*}: the two tags every meter of this process carries, so one Prometheus
 * and one dashboard tell the processes of a deployment apart.
 * <ul>
 *   <li>{@code service} (COMMUNITY_METRICS_SERVICE): community-single, community-gateway,
 *       community-user, community-relation or community-creation — set in each runnable's
 *       application.yml; defaults to {@code micronaut.application.name};</li>
 *   <li>{@code instance} (COMMUNITY_METRICS_INSTANCE): defaults to {@code <host name>:<HTTP port>}
 *       (in Kubernetes the host name is the pod's name).</li>
 * </ul>
 */
@ConfigurationProperties("community.metrics")
public class MetricsProperties {
    private final String applicationName;
    private final int serverPort;

    @Nullable
    private String service;

    @Nullable
    private String instance;

    public MetricsProperties(
            @Value("${micronaut.application.name:community}") String applicationName,
            @Value("${micronaut.server.port:8080}") int serverPort) {
        this.applicationName = applicationName;
        this.serverPort = serverPort;
    }

    public String getService() {
        return service == null || service.isBlank() ? applicationName : service;
    }

    public void setService(@Nullable String service) {
        this.service = service;
    }

    public String getInstance() {
        if (instance != null && !instance.isBlank()) {
            return instance;
        }
        return hostName() + ":" + serverPort;
    }

    public void setInstance(@Nullable String instance) {
        this.instance = instance;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
