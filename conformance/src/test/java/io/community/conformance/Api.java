package io.community.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A small black-box HTTP client for endpoint tests: raw requests over a real socket, answers as
 * status plus parsed JSON, no exceptions for 4xx so tests read like the API contract.
 */
final class Api {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final ObjectMapper json;

    Api(URI base, ObjectMapper json) {
        this.base = base;
        this.json = json;
    }

    record Answer(int status, Map<String, Object> body, String raw, HttpResponse<String> response) {
        int code() {
            return ((Number) body.get("code")).intValue();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> data() {
            return (Map<String, Object>) body.get("data");
        }

        long dataLong(String key) {
            return ((Number) data().get(key)).longValue();
        }

        String dataString(String key) {
            return (String) data().get(key);
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    Answer post(String path, String token, Object body) {
        return send("POST", path, token, write(body), "application/json");
    }

    Answer put(String path, String token, Object body) {
        return send("PUT", path, token, write(body), "application/json");
    }

    Answer get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    Answer delete(String path, String token) {
        return send("DELETE", path, token, null, null);
    }

    Answer send(String method, String path, String token, String body, String contentType) {
        // bounded: a deployment that hangs fails the test instead of stalling the suite
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, Object> parsed = Map.of();
            String contentTypeHeader =
                    response.headers().firstValue("Content-Type").orElse("");
            if (contentTypeHeader.contains("json") && !response.body().isEmpty()) {
                parsed = read(response.body());
            }
            return new Answer(response.statusCode(), parsed, response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String write(Object body) {
        try {
            return body instanceof String s ? s : json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, Map.class);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }
}
