package io.community.cluster.gateway;

import io.community.cluster.config.LimitSettings;
import io.community.cluster.config.ReloadableSetting;
import io.community.cluster.config.ReloadableSettingGroup;
import io.community.monitoring.limits.ConcurrencyLimiter;
import io.community.web.limits.ClientRateLimiter;
import io.community.web.limits.RateLimitProperties;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.convert.ConversionService;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The gateway's limits follow etcd when it is configured: the HTTP concurrency limit
 * ({@code community.limits.*}) and the per-client rate limits ({@code community.rate-limits.*}).
 */
@Factory
public class LimitSettingsFactory {

    @Singleton
    ReloadableSettingGroup httpLimitSettings(ConcurrencyLimiter limiter, ConversionService conversion) {
        return new ReloadableSettingGroup(LimitSettings.of(limiter, conversion));
    }

    @Singleton
    ReloadableSettingGroup rateLimitSettings(ClientRateLimiter limiter) {
        RateLimitProperties now = limiter.settings();
        return new ReloadableSettingGroup(List.of(
                rate(limiter, "enabled", now.isEnabled(), LimitSettings::bool, RateLimitProperties::setEnabled),
                rate(
                        limiter,
                        "auth-capacity",
                        now.getAuthCapacity(),
                        LimitSettingsFactory::count,
                        RateLimitProperties::setAuthCapacity),
                rate(
                        limiter,
                        "write-capacity",
                        now.getWriteCapacity(),
                        LimitSettingsFactory::count,
                        RateLimitProperties::setWriteCapacity),
                rate(
                        limiter,
                        "read-capacity",
                        now.getReadCapacity(),
                        LimitSettingsFactory::count,
                        RateLimitProperties::setReadCapacity)));
    }

    private static <T> ReloadableSetting<T> rate(
            ClientRateLimiter limiter,
            String name,
            T initial,
            Function<String, T> parser,
            BiConsumer<RateLimitProperties, T> setter) {
        return LimitSettings.onCopy(
                "community.rate-limits." + name, initial, parser, limiter::settings, setter, limiter::reconfigure);
    }

    private static long count(String text) {
        long n = LimitSettings.integer(text);
        if (n < 1) {
            throw new IllegalArgumentException("a bucket's capacity must be at least 1, got " + text);
        }
        return n;
    }
}
