package io.community.cluster.service;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code community.grpc.*}: what the shared gRPC runtime exposes besides the business services.
 * The listening port itself is Micronaut gRPC's {@code grpc.server.port} (GRPC_SERVER_PORT).
 */
@ConfigurationProperties("community.grpc")
public class GrpcRuntimeProperties {
    /**
     * Server reflection (grpc.reflection.v1 and v1alpha), so grpcurl and similar tools can list and
     * call the services without the .proto files. Off unless switched on
     * ({@code COMMUNITY_GRPC_REFLECTION=true}, e.g. while debugging): it shows a scanner every method.
     */
    private boolean reflection = false;
    /**
     * The name this service registers under in etcd ({@code /community/services/<name>/...}) and
     * that callers resolve ({@code etcd:///<name>}): user, relation or creation.
     */
    private String serviceName = "";

    public String getServiceName() {
        return serviceName;
    }

    public void setServiceName(String serviceName) {
        this.serviceName = serviceName == null ? "" : serviceName.trim();
    }

    public boolean isReflection() {
        return reflection;
    }

    public void setReflection(boolean reflection) {
        this.reflection = reflection;
    }

    @Override
    public String toString() {
        return "GrpcRuntimeProperties{reflection=" + reflection + ", serviceName=" + serviceName + "}";
    }
}
