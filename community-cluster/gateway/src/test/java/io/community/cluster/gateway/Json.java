package io.community.cluster.gateway;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Reads a response body and walks it by keys and list indexes, e.g. {@code at(body, "data", "posts", 0, "id")}. */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.createDefault();

    private Json() {}

    static Object at(String body, Object... path) {
        Object node;
        try {
            node = MAPPER.readValue(body, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
        for (Object step : path) {
            if (step instanceof Integer index) {
                node = ((List<?>) node).get(index);
            } else {
                node = ((Map<?, ?>) node).get(step);
            }
            if (node == null) {
                throw new AssertionError("no " + step + " in " + body);
            }
        }
        return node;
    }

    static long number(String body, Object... path) {
        return ((Number) at(body, path)).longValue();
    }

    static String string(String body, Object... path) {
        return (String) at(body, path);
    }
}
