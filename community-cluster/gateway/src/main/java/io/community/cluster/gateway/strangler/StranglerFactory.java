package io.community.cluster.gateway.strangler;

import io.community.cluster.config.ReloadableSetting;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * The strangler's state, its reloadable settings ({@code community.strangler.routes},
 * {@code community.strangler.frozen}) and the HTTP client that proxies to the monolith.
 */
@Factory
public class StranglerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(StranglerFactory.class);
    public static final String ROUTES = "community.strangler.routes";
    public static final String FROZEN = "community.strangler.frozen";

    @Singleton
    StranglerTable stranglerTable(StranglerProperties properties, JsonMapper json) {
        try {
            StranglerTable table = new StranglerTable(properties, json);
            if (properties.getMonolithUrl() != null || !properties.getFrozen().isEmpty()) {
                LOG.info(
                        "Strangler: monolith {}, routes {}, frozen {}",
                        properties.getMonolithUrl(),
                        StranglerTable.show(table.routes()),
                        table.frozen());
            }
            return table;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("community.strangler: " + e.getMessage());
        }
    }

    @Singleton
    @Named("monolith")
    @Requires(property = "community.strangler.monolith-url")
    ProxyHttpClient monolithProxy(StranglerProperties properties) {
        URI uri;
        try {
            uri = URI.create(properties.getMonolithUrl());
            if (uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            DefaultHttpClientConfiguration config = new DefaultHttpClientConfiguration();
            config.setConnectTimeout(java.time.Duration.ofSeconds(2));
            config.setReadTimeout(properties.getProxyTimeout());
            // the monolith's redirects and errors go back to the client as they are
            config.setFollowRedirects(false);
            config.setExceptionOnErrorStatus(false);
            return ProxyHttpClient.create(uri.toURL(), config);
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new ConfigurationException("community.strangler.monolith-url '" + properties.getMonolithUrl()
                    + "' is not an http(s) URL: " + e.getMessage());
        }
    }

    @Singleton
    ReloadableSetting<Map<ApiContext, Route>> stranglerRoutes(StranglerTable table) {
        return ReloadableSetting.of(ROUTES, table.routes(), table::parseRoutes, table::setRoutes);
    }

    @Singleton
    ReloadableSetting<Set<ApiContext>> stranglerFrozen(StranglerTable table) {
        return ReloadableSetting.of(FROZEN, table.frozen(), table::parseFrozen, table::setFrozen);
    }
}
