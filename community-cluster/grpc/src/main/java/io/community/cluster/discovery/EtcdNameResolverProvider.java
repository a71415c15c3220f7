package io.community.cluster.discovery;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.micronaut.json.JsonMapper;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves {@code etcd:///<service>} to the instances registered under
 * {@code <keyPrefix><service>/}. Handed to a channel builder directly (not put into grpc's global
 * registry), so only channels built for etcd targets use it.
 *
 * <p>The last endpoints seen per service are kept here, outside the resolvers: a channel that went
 * idle shuts its resolver down and makes a new one when it wakes, and that one must still have
 * endpoints to offer if etcd is unreachable at that moment.
 */
public final class EtcdNameResolverProvider extends NameResolverProvider {
    public static final String SCHEME = "etcd";

    private final EtcdConnection connection;
    private final EtcdProperties properties;
    private final JsonMapper json;
    private final Map<String, List<EquivalentAddressGroup>> lastKnown = new ConcurrentHashMap<>();

    public EtcdNameResolverProvider(EtcdConnection connection, EtcdProperties properties, JsonMapper json) {
        this.connection = connection;
        this.properties = properties;
        this.json = json;
    }

    /** The target of a service, e.g. {@code etcd:///user}. */
    public static String target(String service) {
        return SCHEME + ":///" + service;
    }

    @Override
    public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
        if (!SCHEME.equals(targetUri.getScheme())) {
            return null;
        }
        String path = targetUri.getPath();
        String service = path == null ? "" : path.replaceFirst("^/", "");
        if (service.isEmpty() || service.contains("/")) {
            throw new IllegalArgumentException("expected etcd:///<service>, got " + targetUri);
        }
        return new EtcdNameResolver(connection, properties, json, service, args, lastKnown);
    }

    @Override
    public String getDefaultScheme() {
        return SCHEME;
    }

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return 5;
    }

    @Override
    public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
        return List.of(InetSocketAddress.class);
    }
}
