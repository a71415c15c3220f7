package io.community.cluster.gateway.strangler;

import java.util.Locale;

/** Who serves a context's requests: the cluster's gRPC service, or the monolith the request is proxied to. */
public enum Route {
    CLUSTER,
    MONOLITH;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Route fromId(String id) {
        for (Route r : values()) {
            if (r.id().equals(id == null ? "" : id.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not a route (cluster, monolith)");
    }
}
