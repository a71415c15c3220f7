package io.community.cluster.config;

import io.community.cluster.discovery.EtcdConnection;
import io.community.cluster.discovery.EtcdProperties;
import io.community.common.observability.AdjustableSampler;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.logging.LogLevel;
import io.micronaut.logging.LoggingSystem;
import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration center: the etcd watcher (only with {@code community.etcd.endpoints}) and the
 * settings every process has — log levels and the tracing sampling ratio. Context-specific settings are declared where their
 * subject is wired (the gateway's factory).
 */
@Factory
public class ConfigCenterFactory {
    /** The property that holds the log-level overrides: {@code io.community=DEBUG,io.grpc=WARN}. */
    public static final String LOG_LEVELS = "community.config.log-levels";

    /** The share of new traces recorded, 0 to 1 (parent-based); empty: as {@code OTEL_TRACES_SAMPLER} says. */
    public static final String SAMPLING_RATIO = "community.tracing.sampling-ratio";

    @Context
    @Requires(property = "community.etcd.endpoints")
    @Bean(preDestroy = "close")
    EtcdConfigWatcher etcdConfigWatcher(
            EtcdConnection connection,
            EtcdProperties etcd,
            ConfigProperties config,
            @Value("${micronaut.application.name:}") String applicationName,
            ReloadableSettings settings) {
        String service = config.getService() != null && !config.getService().isBlank()
                ? config.getService()
                : ConfigProperties.serviceFromApplicationName(applicationName);
        EtcdConfigWatcher watcher = new EtcdConfigWatcher(connection, etcd, config, service, settings);
        watcher.start();
        return watcher;
    }

    /**
     * Log levels by logger name, applied through Micronaut's {@link LoggingSystem}. A logger named
     * before and not any more goes back to its {@code logger.levels.*} level from the file (or inherits).
     */
    @Singleton
    @Requires(beans = LoggingSystem.class)
    ReloadableSetting<Map<String, LogLevel>> logLevels(
            LoggingSystem logging, Environment environment, @Value("${" + LOG_LEVELS + ":}") String initial) {
        Set<String> touched = new HashSet<>();
        return ReloadableSetting.of(LOG_LEVELS, parseLevels(initial), ConfigCenterFactory::parseLevels, levels -> {
            for (String name : touched) {
                if (!levels.containsKey(name)) {
                    LogLevel file = environment
                            .getProperty("logger.levels." + name, LogLevel.class)
                            .orElse(LogLevel.NOT_SPECIFIED);
                    logging.setLogLevel(name, file);
                }
            }
            touched.clear();
            levels.forEach((name, level) -> {
                logging.setLogLevel(name, level);
                touched.add(name);
            });
        });
    }

    /**
     * The tracing sampling ratio, applied behind the SDK's tracer provider ({@link AdjustableSampler}).
     * Recorded spans go nowhere without an exporter ({@code OTEL_TRACES_EXPORTER}).
     */
    @Singleton
    @Requires(beans = AdjustableSampler.class)
    ReloadableSetting<String> samplingRatio(
            AdjustableSampler sampler, @Value("${" + SAMPLING_RATIO + ":}") String initial) {
        String start = parseRatio(initial);
        sampler.ratio(ratioOf(start));
        return ReloadableSetting.of(
                SAMPLING_RATIO, start, ConfigCenterFactory::parseRatio, text -> sampler.ratio(ratioOf(text)));
    }

    /** Empty, or a number as text; its range is checked once, by {@link AdjustableSampler#ratio}. */
    static String parseRatio(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        try {
            return String.valueOf(Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not a number from 0 to 1");
        }
    }

    private static Optional<Double> ratioOf(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(Double.parseDouble(text));
    }

    /** {@code name=LEVEL[,name=LEVEL...]}; {@code ROOT} names the root logger; empty = none. */
    static Map<String, LogLevel> parseLevels(String text) {
        Map<String, LogLevel> levels = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return levels;
        }
        for (String part : text.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("'" + entry + "' is not logger=LEVEL");
            }
            String name = entry.substring(0, eq).trim();
            String level = entry.substring(eq + 1).trim().toUpperCase(Locale.ROOT);
            if (!name.matches("[A-Za-z0-9_.$-]+")) {
                throw new IllegalArgumentException("'" + name + "' is not a logger name");
            }
            try {
                LogLevel parsed = LogLevel.valueOf(level);
                if (parsed == LogLevel.NOT_SPECIFIED) {
                    throw new IllegalArgumentException();
                }
                levels.put(name, parsed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "'" + level + "' is not a log level (TRACE, DEBUG, INFO, WARN, ERROR, OFF)");
            }
        }
        return levels;
    }
}
