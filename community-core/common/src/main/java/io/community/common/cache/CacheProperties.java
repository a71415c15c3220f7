package io.community.common.cache;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** {@code community.cache.*}: how entries are named and how long misses are remembered. */
@ConfigurationProperties("community.cache")
public class CacheProperties {
    /** Prepended to every Redis key, so that several deployments can share one Redis. */
    private String keyPrefix = "community:";
    /** How long "this id does not exist" is cached; short, since the row may be created soon. */
    private Duration negativeTtl = Duration.ofSeconds(30);
    /** Relative TTL spread (0.1 = ±10 %), so entries written together do not expire together. */
    private double jitter = 0.1;

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public Duration getNegativeTtl() {
        return negativeTtl;
    }

    public void setNegativeTtl(Duration negativeTtl) {
        this.negativeTtl = negativeTtl;
    }

    public double getJitter() {
        return jitter;
    }

    public void setJitter(double jitter) {
        this.jitter = jitter;
    }

    @Override
    public String toString() {
        return "CacheProperties{keyPrefix=" + keyPrefix + ", negativeTtl=" + negativeTtl + ", jitter=" + jitter + "}";
    }
}
