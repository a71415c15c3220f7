package io.community.cluster.config;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One setting that may change while the process runs: its key (a property name, the same as in the
 * file configuration, e.g. {@code community.backends.deadline}), the value the file or environment
 * gave at start, a parser that validates a new value (throwing {@link IllegalArgumentException} with
 * the reason), and the callback that applies a valid value. Declare one as a bean (or
 * {@link ReloadableSettings#register register} it) and it follows {@code /community/config/.../<key>}
 * when etcd is configured; without etcd it keeps the start value.
 *
 * @param key      property name, the last segment of the etcd key
 * @param initial  the value from the file/environment configuration, applied again when the etcd key is deleted
 * @param parser   text → value; throws {@link IllegalArgumentException} to refuse it
 * @param apply    makes a parsed value effective; a {@link RuntimeException} refuses it too
 * @param secret   shown masked by the settings endpoint
 */
public record ReloadableSetting<T>(
        String key, T initial, Function<String, T> parser, Consumer<T> apply, boolean secret) {

    public ReloadableSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(apply, "apply");
        if (key.isBlank() || key.contains("/")) {
            throw new IllegalArgumentException("a setting key is a property name without '/', got '" + key + "'");
        }
    }

    public static <T> ReloadableSetting<T> of(String key, T initial, Function<String, T> parser, Consumer<T> apply) {
        return new ReloadableSetting<>(key, initial, parser, apply, false);
    }

    /** The same setting, shown masked. */
    public ReloadableSetting<T> asSecret() {
        return new ReloadableSetting<>(key, initial, parser, apply, true);
    }

    /** Parses and applies {@code raw}; null means "back to the start value". Returns the value now in effect. */
    T applyText(String raw) {
        T value = raw == null ? initial : parser.apply(raw.trim());
        apply.accept(value);
        return value;
    }
}
