package io.community.cluster.discovery;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The resolvers' etcd connection and the resolver provider, only when {@code community.etcd.endpoints} is set. */
@Factory
@Requires(property = "community.etcd.endpoints")
public class EtcdDiscoveryFactory {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdDiscoveryFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    EtcdConnection etcdConnection(EtcdProperties properties) {
        LOG.info("etcd discovery on: {}", properties);
        return EtcdClients.connection(properties);
    }

    @Singleton
    EtcdNameResolverProvider etcdNameResolverProvider(
            EtcdConnection connection, EtcdProperties properties, JsonMapper json) {
        return new EtcdNameResolverProvider(connection, properties, json);
    }
}
