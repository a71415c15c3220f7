package io.community.cluster.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code community.config.*}: where a process finds its reloadable settings in etcd (only when
 * {@code community.etcd.endpoints} is set). Keys are {@code <key-prefix>all/<setting>} for every
 * process and {@code <key-prefix><service>/<setting>} for one; the service's own key wins.
 */
@ConfigurationProperties("community.config")
public class ConfigProperties {
    private String keyPrefix = "/community/config/";
    /** {@code gateway}, {@code user}, {@code relation}, {@code creation}; unset = from the application name. */
    @Nullable
    private String service;

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        if (keyPrefix == null || keyPrefix.isBlank()) {
            throw new IllegalArgumentException("community.config.key-prefix must not be blank");
        }
        this.keyPrefix = keyPrefix.endsWith("/") ? keyPrefix : keyPrefix + "/";
    }

    @Nullable
    public String getService() {
        return service;
    }

    public void setService(@Nullable String service) {
        this.service = service;
    }

    /** {@code community-cluster-user} → {@code user}, {@code community-gateway} → {@code gateway}. */
    static String serviceFromApplicationName(String applicationName) {
        String name = applicationName == null ? "" : applicationName;
        for (String prefix : new String[] {"community-cluster-", "community-"}) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name.isBlank() ? "unnamed" : name;
    }
}
