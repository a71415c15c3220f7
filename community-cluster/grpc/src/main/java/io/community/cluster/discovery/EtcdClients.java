package io.community.cluster.discovery;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;

import javax.net.ssl.SSLException;
import java.io.File;
import java.nio.charset.StandardCharsets;

/** Builds the jetcd client from {@link EtcdProperties}: endpoints, credentials, TLS, timeouts. */
public final class EtcdClients {

    private EtcdClients() {}

    /** A connection that opens its clients from these properties (and a fresh one after each failure). */
    public static EtcdConnection connection(EtcdProperties properties) {
        return new EtcdConnection(() -> open(properties));
    }

    public static Client open(EtcdProperties properties) {
        if (!properties.enabled()) {
            throw new IllegalStateException("community.etcd.endpoints is not set");
        }
        ClientBuilder builder = Client.builder()
                .endpoints(properties.getEndpoints().toArray(String[]::new))
                .connectTimeout(properties.getConnectTimeout())
                // jetcd retries an unavailable etcd itself; keep its waits short so our own loops stay in charge
                .retryMaxDuration(properties.getRequestTimeout())
                .keepaliveTime(java.time.Duration.ofSeconds(10))
                .keepaliveTimeout(java.time.Duration.ofSeconds(5));
        if (properties.getUsername() != null && !properties.getUsername().isBlank()) {
            builder.user(ByteSequence.from(properties.getUsername(), StandardCharsets.UTF_8))
                    .password(ByteSequence.from(
                            properties.getPassword() == null ? "" : properties.getPassword(), StandardCharsets.UTF_8));
        }
        if (properties.getCaFile() != null && !properties.getCaFile().isBlank()) {
            File ca = new File(properties.getCaFile());
            if (!ca.isFile()) {
                throw new IllegalStateException("community.etcd.ca-file " + ca + " does not exist");
            }
            try {
                builder.sslContext(b -> b.trustManager(ca));
            } catch (SSLException e) {
                throw new IllegalStateException("community.etcd.ca-file " + ca + " is not a usable PEM trust store", e);
            }
        }
        return builder.build();
    }
}
