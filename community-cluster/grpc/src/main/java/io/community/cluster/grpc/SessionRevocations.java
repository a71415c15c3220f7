package io.community.cluster.grpc;

import java.util.Optional;

/**
 * The events the user service publishes when sessions end or a user's sessions must be checked
 * again (logout, password change, deletion, a role granted), and the gateways' session caches
 * consume: one Redis pub/sub channel, {@code <community.cache.key-prefix>session-events}, with
 * plain-text messages {@code s:<session id>} or {@code u:<user id>}. Publisher and subscriber
 * share this one definition. Why and what happens when they are lost:
 * docs/decisions/0035-one-session-check-per-request.md.
 */
public final class SessionRevocations {
    static final String CHANNEL_SUFFIX = "session-events";

    private SessionRevocations() {}

    /** One event: a session ended, or every cached session of a user must be checked again. */
    public sealed interface Event permits SessionEnded, UserChanged {}

    public record SessionEnded(String sessionId) implements Event {}

    public record UserChanged(long userId) implements Event {}

    public static String channel(String keyPrefix) {
        return (keyPrefix == null ? "" : keyPrefix) + CHANNEL_SUFFIX;
    }

    public static String sessionEnded(String sessionId) {
        return "s:" + sessionId;
    }

    public static String userChanged(long userId) {
        return "u:" + userId;
    }

    /** The event a message carries; empty for anything else (ignored, never guessed). */
    public static Optional<Event> parse(String message) {
        if (message == null || message.length() < 3 || message.charAt(1) != ':') {
            return Optional.empty();
        }
        String value = message.substring(2);
        return switch (message.charAt(0)) {
            case 's' -> Optional.of(new SessionEnded(value));
            case 'u' -> {
                try {
                    yield Optional.of(new UserChanged(Long.parseLong(value)));
                } catch (NumberFormatException e) {
                    yield Optional.empty();
                }
            }
            default -> Optional.empty();
        };
    }
}
