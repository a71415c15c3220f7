package io.community.cluster.config;

import io.community.cluster.discovery.EtcdConnection;
import io.community.cluster.discovery.EtcdProperties;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps {@link ReloadableSettings} in step with etcd: reads {@code <prefix>all/} and
 * {@code <prefix><service>/}, then watches them from the revision after the read. A broken watch (etcd
 * down, a compaction, the shared client replaced) leads to a fresh read and a new watch, retried with
 * backoff capped at {@code community.etcd.max-backoff}, so changes made while it was away are applied
 * when etcd answers again; until then the values in effect stay. Everything runs on one thread.
 */
public final class EtcdConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdConfigWatcher.class);
    private static final long FIRST_BACKOFF_MILLIS = 100;

    private final EtcdConnection connection;
    private final EtcdProperties etcd;
    private final ReloadableSettings settings;
    private final String root;
    private final String allPrefix;
    private final String ownPrefix;
    private final ScheduledExecutorService thread;
    private final TreeMap<String, String> values = new TreeMap<>();

    private Watch.Watcher watcher;
    private ScheduledFuture<?> retry;
    private long generation;
    private int failures;
    private volatile long revision;
    private volatile boolean watching;
    private boolean closed;

    public EtcdConfigWatcher(
            EtcdConnection connection,
            EtcdProperties etcd,
            ConfigProperties config,
            String service,
            ReloadableSettings settings) {
        this.connection = connection;
        this.etcd = etcd;
        this.settings = settings;
        this.root = config.getKeyPrefix();
        this.allPrefix = root + "all/";
        this.ownPrefix = root + service + "/";
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "etcd-config");
            t.setDaemon(true);
            return t;
        });
    }

    /** Reads and starts watching; returns once the first read was applied, or after the request timeout (then it keeps trying). */
    public void start() {
        CompletableFuture<Void> first = new CompletableFuture<>();
        thread.execute(() -> resync(first));
        try {
            first.get(etcd.getRequestTimeout().toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn(
                    "etcd configuration not read at start ({}); the file configuration applies until it is",
                    e.toString());
        }
    }

    public String allPrefix() {
        return allPrefix;
    }

    public String ownPrefix() {
        return ownPrefix;
    }

    /** The etcd revision of the values in effect; 0 before the first read. */
    public long revision() {
        return revision;
    }

    public boolean watching() {
        return watching;
    }

    private void resync(CompletableFuture<Void> first) {
        if (closed) {
            return;
        }
        long gen = ++generation;
        cancelWatch();
        Client opened = null;
        CompletableFuture<GetResponse> reading;
        try {
            opened = connection.client();
            reading = opened.getKVClient()
                    .get(bytes(root), GetOption.builder().isPrefix(true).build());
        } catch (RuntimeException e) {
            failed("read", opened, e, first);
            return;
        }
        Client client = opened;
        reading.orTimeout(etcd.getRequestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((response, error) -> thread.execute(() -> {
                    if (closed || gen != generation) {
                        return;
                    }
                    if (error != null) {
                        failed("read", client, error, first);
                    } else {
                        read(client, response, gen);
                        first.complete(null);
                    }
                }));
    }

    private void read(Client client, GetResponse response, long gen) {
        values.clear();
        for (KeyValue kv : response.getKvs()) {
            String key = kv.getKey().toString(StandardCharsets.UTF_8);
            if (relevant(key)) {
                values.put(key, kv.getValue().toString(StandardCharsets.UTF_8));
            }
        }
        failures = 0;
        revision = response.getHeader().getRevision();
        publish();
        WatchOption option =
                WatchOption.builder().isPrefix(true).withRevision(revision + 1).build();
        try {
            watcher = client.getWatchClient()
                    .watch(
                            bytes(root),
                            option,
                            Watch.listener(
                                    events -> thread.execute(() -> {
                                        if (gen == generation && !closed) {
                                            changed(events);
                                        }
                                    }),
                                    error -> thread.execute(() -> {
                                        if (gen == generation && !closed) {
                                            failed("watch", client, error, null);
                                        }
                                    }),
                                    () -> thread.execute(() -> {
                                        if (gen == generation && !closed) {
                                            failed("watch", client, new IllegalStateException("watch completed"), null);
                                        }
                                    })));
            watching = true;
        } catch (RuntimeException e) {
            failed("watch", client, e, null);
        }
    }

    private void changed(WatchResponse response) {
        boolean any = false;
        for (WatchEvent event : response.getEvents()) {
            String key = event.getKeyValue().getKey().toString(StandardCharsets.UTF_8);
            if (!relevant(key)) {
                continue;
            }
            any = true;
            if (event.getEventType() == WatchEvent.EventType.PUT) {
                values.put(key, event.getKeyValue().getValue().toString(StandardCharsets.UTF_8));
            } else if (event.getEventType() == WatchEvent.EventType.DELETE) {
                values.remove(key);
            }
        }
        if (response.getHeader() != null) {
            revision = Math.max(revision, response.getHeader().getRevision());
        }
        if (any) {
            publish();
        }
    }

    private boolean relevant(String key) {
        return key.startsWith(allPrefix) || key.startsWith(ownPrefix);
    }

    private void publish() {
        Map<String, String> all =
                new TreeMap<>(values.headMap(allPrefix + Character.MAX_VALUE).tailMap(allPrefix));
        Map<String, String> own =
                new TreeMap<>(values.headMap(ownPrefix + Character.MAX_VALUE).tailMap(ownPrefix));
        settings.update(allPrefix, all, ownPrefix, own);
    }

    private void failed(String what, Client client, Throwable error, CompletableFuture<Void> first) {
        cancelWatch();
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CompactedException || error instanceof CompactedException) {
            LOG.info("Watch of {} compacted; reading again", root);
            resync(first);
            return;
        }
        failures++;
        connection.failed(client);
        long delay = Math.min(etcd.getMaxBackoff().toMillis(), FIRST_BACKOFF_MILLIS << Math.min(failures, 10));
        LOG.warn(
                "etcd configuration {} failed ({}); keeping the values in effect, reading again in {} ms",
                what,
                cause.getMessage(),
                delay);
        retry = thread.schedule(
                () -> resync(first == null ? new CompletableFuture<>() : first), delay, TimeUnit.MILLISECONDS);
    }

    private void cancelWatch() {
        watching = false;
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        thread.execute(() -> {
            closed = true;
            generation++;
            cancelWatch();
            if (retry != null) {
                retry.cancel(false);
            }
            done.complete(null);
        });
        try {
            done.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        thread.shutdownNow();
    }
}
