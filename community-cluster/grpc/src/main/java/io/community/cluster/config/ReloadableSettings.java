package io.community.cluster.config;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The process's reloadable settings and what is in effect for each: the start value (file or
 * environment) until etcd names one, then the etcd value, the service's own key before the one for
 * all. A value that does not parse, or whose apply callback throws, is refused with a log line and the
 * last good value stays in effect (shown with the error by the settings endpoint). Every
 * {@link ReloadableSetting} and {@link ReloadableSettingGroup} bean is registered at start; {@link #register}
 * adds more.
 */
@Singleton
public class ReloadableSettings {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadableSettings.class);
    static final String MASK = "******";

    /** What one setting shows: its value in effect, where it came from, and the last refusal. */
    public record State(String key, String value, String source, String refused, Instant changedAt) {}

    private static final class Entry {
        final ReloadableSetting<Object> setting;
        /** The etcd text in effect, or null for the start value. */
        String raw;

        Object value;
        String source = "file";
        String refused;
        Instant changedAt = Instant.now();

        Entry(ReloadableSetting<Object> setting) {
            this.setting = setting;
            this.value = setting.initial();
        }
    }

    private final Map<String, Entry> entries = new TreeMap<>();
    private final Set<String> unknownLogged = new HashSet<>();
    /** The latest etcd values seen (setting key → [etcd key, text]); applied to settings registered later too. */
    private Map<String, String[]> latest = Map.of();

    public ReloadableSettings(List<ReloadableSetting<?>> settings, List<ReloadableSettingGroup> groups) {
        settings.forEach(this::register);
        groups.forEach(group -> group.settings().forEach(this::register));
    }

    /** Adds a setting; it takes the current etcd value, if any, at once. */
    @SuppressWarnings("unchecked")
    public synchronized void register(ReloadableSetting<?> setting) {
        if (entries.containsKey(setting.key())) {
            throw new IllegalStateException("setting " + setting.key() + " is registered twice");
        }
        Entry entry = new Entry((ReloadableSetting<Object>) setting);
        entries.put(setting.key(), entry);
        String[] found = latest.get(setting.key());
        if (found != null) {
            apply(entry, found[0], found[1]);
        }
    }

    /**
     * The values etcd holds now, by etcd key: {@code all} under {@code <prefix>all/}, {@code own} under
     * {@code <prefix><service>/}. Settings whose effective text changed are applied; a key that is
     * gone returns its setting to the start value.
     */
    synchronized void update(String allPrefix, Map<String, String> all, String ownPrefix, Map<String, String> own) {
        Map<String, String[]> merged = new LinkedHashMap<>();
        all.forEach((k, v) -> merged.put(k.substring(allPrefix.length()), new String[] {k, v}));
        own.forEach((k, v) -> merged.put(k.substring(ownPrefix.length()), new String[] {k, v}));
        latest = merged;
        for (Entry entry : entries.values()) {
            String[] found = merged.get(entry.setting.key());
            if (found == null) {
                if (entry.raw != null) {
                    apply(entry, null, null);
                }
            } else if (!found[1].equals(entry.raw)) {
                apply(entry, found[0], found[1]);
            }
        }
        for (Map.Entry<String, String[]> e : merged.entrySet()) {
            if (!entries.containsKey(e.getKey()) && unknownLogged.add(e.getValue()[0])) {
                LOG.warn("etcd key {} names no reloadable setting of this process; ignored", e.getValue()[0]);
            }
        }
    }

    private void apply(Entry entry, String etcdKey, String raw) {
        ReloadableSetting<Object> s = entry.setting;
        try {
            Object value = s.applyText(raw);
            entry.raw = raw;
            entry.value = value;
            entry.source = raw == null ? "file" : etcdKey;
            entry.refused = null;
            entry.changedAt = Instant.now();
            LOG.info("Setting {} = {} (from {})", s.key(), s.secret() ? MASK : display(value), entry.source);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            // a refused text must not be tried again and again: remember it as the etcd state
            entry.raw = raw;
            entry.refused = (raw == null ? "start value" : etcdKey + "=" + (s.secret() ? MASK : "'" + raw + "'")) + ": "
                    + reason;
            LOG.warn(
                    "Refused setting {}: {}; keeping {}",
                    s.key(),
                    entry.refused,
                    s.secret() ? MASK : display(entry.value));
        }
    }

    /** Every setting, by key, with secrets masked. */
    public synchronized List<State> states() {
        List<State> states = new ArrayList<>();
        for (Entry e : entries.values()) {
            states.add(new State(
                    e.setting.key(), e.setting.secret() ? MASK : display(e.value), e.source, e.refused, e.changedAt));
        }
        return states;
    }

    /** The value in effect for {@code key}, for tests and the endpoint. */
    public synchronized Object value(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.value;
    }

    static String display(Object value) {
        return Objects.toString(value);
    }
}
