package io.community.cluster.config;

import io.community.monitoring.limits.ConcurrencyLimitProperties;
import io.community.monitoring.limits.ConcurrencyLimiter;
import io.micronaut.core.convert.ConversionService;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The concurrency limit's reloadable settings, the same keys as the file configuration
 * ({@code community.limits.*}). Each new value is set on a copy of the limiter's settings, which
 * refuses an invalid one, then the limiter is rebuilt with it; a refusal keeps the limiter as it was.
 */
public final class LimitSettings {
    private LimitSettings() {}

    public static List<ReloadableSetting<?>> of(ConcurrencyLimiter limiter, ConversionService conversion) {
        ConcurrencyLimitProperties now = limiter.settings();
        return List.of(
                setting(
                        limiter,
                        "enabled",
                        now.isEnabled(),
                        LimitSettings::bool,
                        ConcurrencyLimitProperties::setEnabled),
                setting(
                        limiter,
                        "min-limit",
                        now.getMinLimit(),
                        LimitSettings::integer,
                        ConcurrencyLimitProperties::setMinLimit),
                setting(
                        limiter,
                        "max-limit",
                        now.getMaxLimit(),
                        LimitSettings::integer,
                        ConcurrencyLimitProperties::setMaxLimit),
                setting(
                        limiter,
                        "initial-limit",
                        now.getInitialLimit(),
                        LimitSettings::integer,
                        ConcurrencyLimitProperties::setInitialLimit),
                setting(
                        limiter,
                        "retry-after",
                        now.getRetryAfter(),
                        text -> positiveDuration(conversion, text),
                        ConcurrencyLimitProperties::setRetryAfter));
    }

    private static <T> ReloadableSetting<T> setting(
            ConcurrencyLimiter limiter,
            String name,
            T initial,
            Function<String, T> parser,
            BiConsumer<ConcurrencyLimitProperties, T> setter) {
        return onCopy("community.limits." + name, initial, parser, limiter::settings, setter, limiter::reconfigure);
    }

    /**
     * A setting of a component configured by a whole properties object: each new value is set on a
     * fresh copy of the component's current properties (whose setters refuse invalid values), which
     * is then applied as a whole; a refusal leaves the component as it was.
     */
    public static <P, T> ReloadableSetting<T> onCopy(
            String key,
            T initial,
            Function<String, T> parser,
            Supplier<P> currentCopy,
            BiConsumer<P, T> setter,
            Consumer<P> reconfigure) {
        return ReloadableSetting.of(key, initial, parser, value -> {
            P next = currentCopy.get();
            setter.accept(next, value);
            reconfigure.accept(next);
        });
    }

    /** A positive duration in Micronaut's notation (2s, 1500ms), or the reason it is not one. */
    public static Duration positiveDuration(ConversionService conversion, String text) {
        Duration d = conversion.convert(text, Duration.class).orElse(null);
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration (e.g. 2s, 1500ms)");
        }
        return d;
    }

    public static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
        };
    }

    public static int integer(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }
}
