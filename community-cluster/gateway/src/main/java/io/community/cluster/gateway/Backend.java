package io.community.cluster.gateway;

import io.community.cluster.grpc.BackendChannels;
import io.grpc.Channel;
import io.grpc.ManagedChannel;

import java.util.Objects;

/**
 * One gRPC service the gateway calls: the channel it owns, and the view of that channel the
 * use-case clients call through (deadline and the caller's bearer token added to every call).
 * The health check uses the raw channel: it needs neither a token nor the call deadline.
 */
public final class Backend implements AutoCloseable {
    private final String name;
    private final String target;
    private final ManagedChannel channel;
    private final Channel calls;

    public Backend(String name, String target, ManagedChannel channel, Channel calls) {
        this.name = Objects.requireNonNull(name, "name");
        this.target = Objects.requireNonNull(target, "target");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /** {@code user}, {@code relation} or {@code creation}, as in {@code community.backends.*}. */
    public String name() {
        return name;
    }

    public String target() {
        return target;
    }

    public ManagedChannel channel() {
        return channel;
    }

    /** The channel for use-case calls: deadline + bearer token interceptors. */
    public Channel calls() {
        return calls;
    }

    @Override
    public void close() {
        BackendChannels.close(channel);
    }

    @Override
    public String toString() {
        return "Backend{" + name + " -> " + target + "}";
    }
}
