package io.community.cluster.gateway.strangler;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routing table and the freezes in effect, swapped whole by the reloadable settings and read by
 * {@link StranglerFilter} once per request, so a request sees one consistent state.
 */
public final class StranglerTable {
    private final boolean monolithConfigured;
    private final JsonMapper json;
    private final Map<ApiContext, Route> fileRoutes;
    private volatile Map<ApiContext, Route> routes;
    private volatile Set<ApiContext> frozen;

    public StranglerTable(StranglerProperties properties, JsonMapper json) {
        this.monolithConfigured = properties.getMonolithUrl() != null
                && !properties.getMonolithUrl().isBlank();
        this.json = json;
        Map<ApiContext, Route> start = new EnumMap<>(ApiContext.class);
        for (ApiContext c : ApiContext.values()) {
            start.put(c, Route.CLUSTER);
        }
        properties.getRoutes().forEach((context, route) -> start.put(ApiContext.fromId(context), Route.fromId(route)));
        this.fileRoutes = Collections.unmodifiableMap(start);
        setRoutes(fileRoutes);
        Set<ApiContext> f = EnumSet.noneOf(ApiContext.class);
        properties.getFrozen().forEach(c -> f.add(ApiContext.fromId(c)));
        setFrozen(f);
    }

    public Route route(ApiContext context) {
        return routes.get(context);
    }

    public boolean frozen(ApiContext context) {
        return frozen.contains(context);
    }

    public Map<ApiContext, Route> routes() {
        return routes;
    }

    public Set<ApiContext> frozen() {
        return frozen;
    }

    public void setRoutes(Map<ApiContext, Route> table) {
        if (!monolithConfigured && table.containsValue(Route.MONOLITH)) {
            throw new IllegalArgumentException(
                    "a context is routed to the monolith but community.strangler.monolith-url is not set");
        }
        this.routes = Collections.unmodifiableMap(new EnumMap<>(table));
    }

    public void setFrozen(Set<ApiContext> contexts) {
        this.frozen = Collections.unmodifiableSet(
                contexts.isEmpty() ? EnumSet.noneOf(ApiContext.class) : EnumSet.copyOf(contexts));
    }

    /**
     * {@code {"creation":"monolith"}} (or {@code creation=monolith,user=cluster}): the contexts named
     * take that route, the others their route from the file configuration.
     */
    public Map<ApiContext, Route> parseRoutes(String text) {
        Map<String, String> given = parseMap(text);
        Map<ApiContext, Route> table = new EnumMap<>(fileRoutes);
        given.forEach((context, route) -> table.put(ApiContext.fromId(context), Route.fromId(route)));
        if (!monolithConfigured && table.containsValue(Route.MONOLITH)) {
            throw new IllegalArgumentException(
                    "routes name the monolith but community.strangler.monolith-url is not set");
        }
        return table;
    }

    /** {@code creation,relation}, {@code ["creation"]}, or empty for none. */
    public Set<ApiContext> parseFrozen(String text) {
        Set<ApiContext> contexts = EnumSet.noneOf(ApiContext.class);
        String t = text == null ? "" : text.trim();
        List<String> names;
        if (t.startsWith("[")) {
            try {
                names = json.readValue(t, Argument.listOf(String.class));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("not a JSON array of context names");
            }
        } else {
            names = t.isEmpty() ? List.of() : List.of(t.split(","));
        }
        for (String name : names) {
            if (name != null && !name.isBlank()) {
                contexts.add(ApiContext.fromId(name));
            }
        }
        return contexts;
    }

    private Map<String, String> parseMap(String text) {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("{")) {
            try {
                return json.readValue(t, Argument.mapOf(String.class, String.class));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("not a JSON object of context to route");
            }
        }
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String part : t.isEmpty() ? new String[0] : t.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not context=route");
            }
            map.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return map;
    }

    /** For the settings endpoint and logs: {@code {creation=monolith, relation=cluster, user=cluster}}. */
    public static String show(Map<ApiContext, Route> table) {
        StringBuilder s = new StringBuilder("{");
        table.forEach((c, r) ->
                s.append(s.length() > 1 ? ", " : "").append(c.id()).append('=').append(r.id()));
        return s.append('}').toString();
    }
}
