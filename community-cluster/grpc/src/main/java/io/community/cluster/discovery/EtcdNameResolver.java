package io.community.cluster.discovery;

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
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One channel's view of a service in etcd: list the prefix, then watch it from the revision after
 * the list, applying puts and deletes. A compacted watch or a lost connection leads to a fresh list
 * (and a new watch), retried with capped backoff; until it succeeds the last known endpoints stay in
 * use, so etcd being down never takes working instances away from the channel.
 *
 * <p>Every state change runs in the channel's {@link SynchronizationContext}.
 */
final class EtcdNameResolver extends NameResolver {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdNameResolver.class);
    private static final long FIRST_BACKOFF_MILLIS = 200;

    private final EtcdConnection connection;
    private final EtcdProperties properties;
    private final JsonMapper json;
    private final String service;
    private final ByteSequence prefix;
    private final SynchronizationContext sync;
    private final ScheduledExecutorService timer;
    private final Map<String, List<EquivalentAddressGroup>> lastKnown;
    /** key -> address, sorted by key so every resolver orders the instances alike. */
    private final TreeMap<String, InetSocketAddress> instances = new TreeMap<>();

    private Listener2 listener;
    private Watch.Watcher watcher;
    private SynchronizationContext.ScheduledHandle retry;
    private int failures;
    /** Bumped on every (re)list so late callbacks of a previous watch are ignored. */
    private long generation;

    private boolean watching;
    private boolean shutdown;

    EtcdNameResolver(
            EtcdConnection connection,
            EtcdProperties properties,
            JsonMapper json,
            String service,
            Args args,
            Map<String, List<EquivalentAddressGroup>> lastKnown) {
        this.connection = connection;
        this.properties = properties;
        this.json = json;
        this.service = service;
        this.prefix = ByteSequence.from(properties.getKeyPrefix() + service + "/", StandardCharsets.UTF_8);
        this.sync = args.getSynchronizationContext();
        this.timer = args.getScheduledExecutorService();
        this.lastKnown = lastKnown;
    }

    @Override
    public String getServiceAuthority() {
        return service;
    }

    @Override
    public void start(Listener2 listener) {
        this.listener = listener;
        List<EquivalentAddressGroup> known = lastKnown.get(service);
        if (known != null && !known.isEmpty()) {
            publish(known);
        }
        resync();
    }

    /** grpc asks after connection failures; the watch keeps us current, so only a broken watch re-lists. */
    @Override
    public void refresh() {
        if (!watching && (retry == null || !retry.isPending())) {
            resync();
        }
    }

    @Override
    public void shutdown() {
        shutdown = true;
        generation++;
        cancelWatch();
        if (retry != null) {
            retry.cancel();
        }
    }

    private void resync() {
        if (shutdown) {
            return;
        }
        long gen = ++generation;
        cancelWatch();
        Client opened = null;
        CompletableFuture<GetResponse> listing;
        try {
            opened = connection.client();
            listing = opened.getKVClient()
                    .get(prefix, GetOption.builder().isPrefix(true).build());
        } catch (RuntimeException e) {
            // no client could be opened, or another resolver closed this one a moment ago
            failed("list", opened, e);
            return;
        }
        Client client = opened;
        listing.orTimeout(properties.getRequestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((response, error) -> sync.execute(() -> {
                    if (shutdown || gen != generation) {
                        return;
                    }
                    if (error != null) {
                        failed("list", client, error);
                    } else {
                        listed(client, response, gen);
                    }
                }));
    }

    private void listed(Client client, GetResponse response, long gen) {
        instances.clear();
        for (KeyValue kv : response.getKvs()) {
            put(kv);
        }
        failures = 0;
        publishInstances();
        long next = response.getHeader().getRevision() + 1;
        WatchOption option =
                WatchOption.builder().isPrefix(true).withRevision(next).build();
        try {
            watcher = watch(client, option, gen);
        } catch (RuntimeException e) {
            failed("watch", client, e); // the client was closed under us: list again with a fresh one
            return;
        }
        watching = true;
    }

    private Watch.Watcher watch(Client client, WatchOption option, long gen) {
        return client.getWatchClient()
                .watch(
                        prefix,
                        option,
                        Watch.listener(
                                events -> sync.execute(() -> {
                                    if (gen == generation && !shutdown) {
                                        applied(events);
                                    }
                                }),
                                error -> sync.execute(() -> {
                                    if (gen == generation && !shutdown) {
                                        watching = false;
                                        failed("watch", client, error);
                                    }
                                }),
                                () -> sync.execute(() -> {
                                    if (gen == generation && !shutdown) {
                                        watching = false;
                                        failed("watch", client, new IllegalStateException("watch completed"));
                                    }
                                })));
    }

    private void applied(WatchResponse response) {
        boolean changed = false;
        for (WatchEvent event : response.getEvents()) {
            String key = event.getKeyValue().getKey().toString(StandardCharsets.UTF_8);
            if (event.getEventType() == WatchEvent.EventType.PUT) {
                changed |= put(event.getKeyValue());
            } else if (event.getEventType() == WatchEvent.EventType.DELETE) {
                changed |= instances.remove(key) != null;
            }
        }
        if (changed) {
            publishInstances();
        }
    }

    private boolean put(KeyValue kv) {
        String key = kv.getKey().toString(StandardCharsets.UTF_8);
        try {
            ServiceInstance instance = json.readValue(kv.getValue().getBytes(), ServiceInstance.class);
            InetSocketAddress address = new InetSocketAddress(instance.address(), instance.port());
            return !address.equals(instances.put(key, address));
        } catch (Exception e) {
            // one malformed entry must not hide the healthy ones
            LOG.warn("Ignoring unreadable instance {} of {}: {}", key, service, e.getMessage());
            return instances.remove(key) != null;
        }
    }

    /** {@code client} is the one that failed, or null when none could be opened. */
    private void failed(String what, Client client, Throwable error) {
        cancelWatch();
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CompactedException || error instanceof CompactedException) {
            LOG.info("Watch of {} compacted; listing again", service);
            resync();
            return;
        }
        failures++;
        connection.failed(client);
        long delay = Math.min(properties.getMaxBackoff().toMillis(), FIRST_BACKOFF_MILLIS << Math.min(failures, 10));
        LOG.warn(
                "etcd {} of {} failed ({}); keeping {} known instance(s), retrying in {} ms",
                what,
                service,
                cause.getMessage(),
                lastKnown.getOrDefault(service, List.of()).size(),
                delay);
        List<EquivalentAddressGroup> known = lastKnown.get(service);
        if (known == null || known.isEmpty()) {
            listener.onError(Status.UNAVAILABLE
                    .withDescription("no instance of " + service + " known, etcd unreachable")
                    .withCause(cause));
        }
        retry = sync.schedule(this::resync, delay, TimeUnit.MILLISECONDS, timer);
    }

    private void publishInstances() {
        List<EquivalentAddressGroup> groups = new ArrayList<>();
        instances.values().forEach(a -> groups.add(new EquivalentAddressGroup(a)));
        lastKnown.put(service, List.copyOf(groups));
        publish(groups);
    }

    private void publish(List<EquivalentAddressGroup> groups) {
        listener.onResult2(ResolutionResult.newBuilder()
                .setAddressesOrError(io.grpc.StatusOr.fromValue(groups))
                .build());
    }

    private void cancelWatch() {
        watching = false;
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }
}
