package io.community.cluster.config;

import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.annotation.Read;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code GET /settings} on the management port: the effective configuration. {@code reloadable}
 * lists each reloadable setting with its value in effect, where it came from ({@code file} or the
 * etcd key) and the last refused value; {@code properties} the resolved values of the project's
 * properties. Secrets are masked: any property whose name speaks of a secret, password, token or
 * credential, and the password inside a URL.
 */
@Endpoint(id = "settings", defaultSensitive = false)
public class SettingsEndpoint {
    private static final List<String> PREFIXES = List.of(
            "community.",
            "datasources.",
            "redis.",
            "grpc.",
            "micronaut.server.",
            "micronaut.application.",
            "endpoints.",
            "logger.",
            "otel.");
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(secret|password|passwd|pwd|token|credential|private|api[-_.]?key).*");
    private static final Pattern URL_USERINFO = Pattern.compile("(://)[^/@]*@");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)([^&;]*)");

    private final ReloadableSettings settings;
    private final Environment environment;

    @Nullable
    private final EtcdConfigWatcher watcher;

    public SettingsEndpoint(ReloadableSettings settings, Environment environment, Optional<EtcdConfigWatcher> watcher) {
        this.settings = settings;
        this.environment = environment;
        this.watcher = watcher.orElse(null);
    }

    @Read
    public Map<String, Object> settings() {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> etcd = new LinkedHashMap<>();
        etcd.put("enabled", watcher != null);
        if (watcher != null) {
            etcd.put("keys", List.of(watcher.ownPrefix(), watcher.allPrefix()));
            etcd.put("revision", watcher.revision());
            etcd.put("watching", watcher.watching());
        }
        body.put("etcd", etcd);
        Map<String, Object> reloadable = new LinkedHashMap<>();
        for (ReloadableSettings.State s : settings.states()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("value", s.value());
            one.put("source", s.source());
            one.put("changedAt", s.changedAt().toString());
            if (s.refused() != null) {
                one.put("refused", s.refused());
            }
            reloadable.put(s.key(), one);
        }
        body.put("reloadable", reloadable);
        body.put("properties", properties());
        return body;
    }

    private Map<String, String> properties() {
        Map<String, String> shown = new TreeMap<>();
        for (PropertySource source : environment.getPropertySources()) {
            for (String raw : source) {
                String key = raw;
                if (raw.equals(raw.toUpperCase(Locale.ROOT)) && raw.contains("_")) {
                    key = raw.toLowerCase(Locale.ROOT).replace('_', '.'); // an environment variable
                }
                String name = key;
                if (PREFIXES.stream().noneMatch(name::startsWith) || shown.containsKey(name)) {
                    continue;
                }
                try {
                    environment.getProperty(name, String.class).ifPresent(value -> shown.put(name, mask(name, value)));
                } catch (RuntimeException e) {
                    shown.put(name, "(not a single value)"); // a list or map property
                }
            }
        }
        return shown;
    }

    static String mask(String name, String value) {
        if (SECRET_NAME.matcher(name).matches()) {
            return ReloadableSettings.MASK;
        }
        String masked = URL_USERINFO.matcher(value).replaceAll("$1" + ReloadableSettings.MASK + "@");
        return URL_PASSWORD.matcher(masked).replaceAll("$1" + ReloadableSettings.MASK);
    }
}
