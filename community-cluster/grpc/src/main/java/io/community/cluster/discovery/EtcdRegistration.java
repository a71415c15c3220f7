package io.community.cluster.discovery;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one instance's key {@code <prefix><service>/<instance-id>} in etcd for as long as the
 * instance runs: put under a lease, kept alive, and put again under a new lease — forever, with
 * capped exponential backoff — whenever the lease or etcd is lost. {@link #deregister()} revokes the
 * lease, which deletes the key at once.
 *
 * <p>All state changes run on one single-threaded scheduler, so there are no races between a
 * keep-alive failure and a stop.
 *
 * <p>The registration has an {@link EtcdConnection} of its own and reports every failure to it, so
 * the next attempt runs on a fresh client: one reused through a long outage would put the key back
 * only when its reconnect backoff ends.
 */
public final class EtcdRegistration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdRegistration.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private final EtcdConnection connection;
    private final EtcdProperties properties;
    private final ScheduledExecutorService scheduler;
    private final ByteSequence key;
    private final ByteSequence value;
    private final String keyText;

    /** The client the current lease was granted through (null before the first attempt). */
    private Client client;

    private long leaseId;
    private CloseableClient keepAlive;
    private ScheduledFuture<?> retry;
    private int failures;
    private boolean stopped;
    private volatile boolean registered;
    /** System.nanoTime() of the last put or keep-alive etcd confirmed; 0 before the first. */
    private volatile long lastRenewal;

    /** @param connection this registration's own; closed by {@link #deregister()} */
    public EtcdRegistration(
            EtcdConnection connection,
            EtcdProperties properties,
            JsonMapper json,
            ScheduledExecutorService scheduler,
            String service,
            String instanceId,
            ServiceInstance instance) {
        this.connection = connection;
        this.properties = properties;
        this.scheduler = scheduler;
        this.keyText = properties.getKeyPrefix() + service + "/" + instanceId;
        this.key = ByteSequence.from(keyText, StandardCharsets.UTF_8);
        try {
            this.value = ByteSequence.from(json.writeValueAsBytes(instance));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + instance, e);
        }
    }

    public String key() {
        return keyText;
    }

    /** Whether the key is currently believed to be in etcd (put, and its lease not known to be lost). */
    public boolean registered() {
        return registered;
    }

    /** Time since etcd last confirmed the key's lease (put or keep-alive); empty before the first confirmation. */
    public Optional<Duration> sinceLastRenewal() {
        long last = lastRenewal;
        return last == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(System.nanoTime() - last));
    }

    /** Starts registering in the background; never blocks on etcd. */
    public void start() {
        scheduler.execute(this::register);
    }

    private void register() {
        retry = null; // this run is the pending retry, if there was one: the next failure must schedule another
        if (stopped) {
            return;
        }
        closeKeepAlive();
        try {
            client = connection.client();
            long timeout = properties.getRequestTimeout().toMillis();
            long id = client.getLeaseClient()
                    .grant(properties.getLeaseTtl().toSeconds())
                    .get(timeout, TimeUnit.MILLISECONDS)
                    .getID();
            client.getKVClient()
                    .put(key, value, PutOption.builder().withLeaseId(id).build())
                    .get(timeout, TimeUnit.MILLISECONDS);
            leaseId = id;
            keepAlive = client.getLeaseClient().keepAlive(id, new KeepAliveObserver(id));
            registered = true;
            lastRenewal = System.nanoTime();
            if (failures > 0) {
                LOG.info("Registered {} again after {} failed attempt(s)", keyText, failures);
            } else {
                LOG.info(
                        "Registered {} (lease ttl {}s)",
                        keyText,
                        properties.getLeaseTtl().toSeconds());
            }
            failures = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            registered = false;
            failures++;
            LOG.warn("Cannot register {} in etcd (attempt {}): {}", keyText, failures, rootMessage(e));
            dropClient();
            scheduleRetry();
        }
    }

    private void lost(long id, String why) {
        if (stopped || id != leaseId) {
            return; // a stale observer of a lease already replaced
        }
        registered = false;
        LOG.warn("Lost the etcd lease of {} ({}); registering again", keyText, why);
        failures++;
        closeKeepAlive();
        dropClient();
        scheduleRetry();
    }

    private void scheduleRetry() {
        if (stopped || (retry != null && !retry.isDone())) {
            return;
        }
        long cap = properties.getMaxBackoff().toMillis();
        long delay = Math.min(cap, FIRST_BACKOFF.toMillis() << Math.min(failures, 10));
        retry = scheduler.schedule(this::register, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Removes the key now (lease revoked) and stops re-registering. Bounded by the request timeout;
     * if etcd is unreachable the key goes when its lease expires.
     */
    public void deregister() {
        try {
            scheduler
                    .submit(() -> {
                        stopped = true;
                        registered = false;
                        if (retry != null) {
                            retry.cancel(false);
                        }
                        closeKeepAlive();
                        if (leaseId != 0 && client != null) {
                            try {
                                client.getLeaseClient()
                                        .revoke(leaseId)
                                        .get(properties.getRequestTimeout().toMillis(), TimeUnit.MILLISECONDS);
                                LOG.info("Deregistered {}", keyText);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } catch (Exception e) {
                                LOG.warn(
                                        "Cannot deregister {} ({}); it expires with its lease",
                                        keyText,
                                        rootMessage(e));
                            }
                        }
                        connection.close();
                    })
                    .get(properties.getRequestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Deregistration of {} did not finish: {}", keyText, rootMessage(e));
        }
    }

    @Override
    public void close() {
        deregister();
    }

    /** Runs on the scheduler; after shutdown (the process is stopping) there is nothing left to do. */
    private void later(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            registered = false;
        }
    }

    /** Its lease is gone with it; the next attempt gets a fresh client. */
    private void dropClient() {
        connection.failed(client);
        client = null;
        leaseId = 0;
    }

    private void closeKeepAlive() {
        if (keepAlive != null) {
            keepAlive.close();
            keepAlive = null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private final class KeepAliveObserver implements StreamObserver<LeaseKeepAliveResponse> {
        private final long id;

        KeepAliveObserver(long id) {
            this.id = id;
        }

        @Override
        public void onNext(LeaseKeepAliveResponse response) {
            if (response.getTTL() <= 0) {
                later(() -> lost(id, "lease expired"));
            } else {
                lastRenewal = System.nanoTime();
            }
        }

        @Override
        public void onError(Throwable t) {
            later(() -> lost(id, rootMessage(t)));
        }

        @Override
        public void onCompleted() {
            later(() -> lost(id, "keep-alive ended"));
        }
    }
}
