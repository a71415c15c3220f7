package io.community.cluster.discovery;

import io.etcd.jetcd.Client;

import java.util.function.Supplier;

/**
 * The etcd client that the name resolvers of one process share, replaced once it failed to reach
 * etcd. A gRPC channel that kept failing backs its reconnects off exponentially (past 10 s after
 * half a minute, up to two minutes), so a client kept through an outage would see etcd again long
 * after it is back; a fresh one connects at once.
 */
public final class EtcdConnection implements AutoCloseable {
    private final Supplier<Client> opener;
    private Client current;
    private boolean closed;

    /** @param opener opens a new client; called lazily, and again after each {@link #failed(Client)} */
    public EtcdConnection(Supplier<Client> opener) {
        this.opener = opener;
    }

    /** The client to use now; open until {@link #failed(Client)} names it. */
    public synchronized Client client() {
        if (closed) {
            throw new IllegalStateException("the etcd connection is closed");
        }
        if (current == null) {
            current = opener.get();
        }
        return current;
    }

    /**
     * Reports that a request on {@code client} could not reach etcd: it is closed and the next
     * {@link #client()} opens a new one. A report about a client already replaced (several resolvers
     * failing together) changes nothing.
     */
    public synchronized void failed(Client client) {
        if (client != null && client == current) {
            current = null;
            client.close();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
