package io.community.cluster.gateway.strangler;

import io.micronaut.http.HttpMethod;

import java.util.Locale;
import java.util.Optional;

/**
 * The bounded context that owns an API path: the unit that is routed (cluster or monolith) and frozen.
 * A path that composes several contexts belongs to the one whose resource it names — {@code /post/**}
 * with its embedded {@code author} is creation's, and so is the feed (posts of the followed users).
 */
public enum ApiContext {
    USER("/api/v1/auth", "/api/v1/user"),
    RELATION("/api/v1/relation"),
    CREATION("/api/v1/post", "/api/v1/comment", "/api/v1/like", "/api/v1/collect", "/api/v1/feed");

    private final String[] prefixes;

    ApiContext(String... prefixes) {
        this.prefixes = prefixes;
    }

    /** {@code user}, {@code relation}, {@code creation}: the name in routes and freezes. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ApiContext fromId(String id) {
        for (ApiContext c : values()) {
            if (c.id().equals(id == null ? "" : id.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not a context (user, relation, creation)");
    }

    public static Optional<ApiContext> ofPath(String path) {
        for (ApiContext c : values()) {
            for (String prefix : c.prefixes) {
                // the resource itself (POST /api/v1/post creates) and everything under it
                if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a request changes data. The contract reads lists with POST (a JSON body of paging and
     * filters): those end in {@code /list} or {@code /list/ids} and are reads. Everything else that is
     * not GET/HEAD/OPTIONS writes, including login and logout (a session row) and a post view (a counter).
     */
    public static boolean isWrite(HttpMethod method, String path) {
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return false;
        }
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return !(method == HttpMethod.POST && (p.endsWith("/list") || p.endsWith("/list/ids")));
    }
}
