package io.community.cluster.grpc;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code community.cluster.internal-secret} (COMMUNITY_CLUSTER_INTERNAL_SECRET): the secret every
 * member of the cluster sends with its calls and the user service requires on its internal RPCs.
 * The same value on the gateway and all services; at least 32 bytes, printable ASCII (e.g.
 * {@code head -c 48 /dev/urandom | base64}). Unset: members send nothing, and the user service
 * makes up a random one, so its internal RPCs refuse every caller (safe, and loud in its log).
 */
@ConfigurationProperties("community.cluster")
public class InternalCredentialProperties {
    private String internalSecret;

    @Nullable
    public String getInternalSecret() {
        return internalSecret;
    }

    public void setInternalSecret(@Nullable String internalSecret) {
        this.internalSecret = internalSecret;
    }

    @Override
    public String toString() {
        // never print the secret
        return "InternalCredentialProperties{internalSecret=" + (internalSecret == null ? "unset" : "***") + "}";
    }
}
