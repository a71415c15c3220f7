package io.community.conformance;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster's cost per request and its session checks, through the gateway on real processes:
 * the session is checked once, at the gateway, and a session the gateway has seen costs no remote
 * call; a logout or a password change is effective on the very next request; and each request
 * makes at most one remote call per context it touches, counted from the gateway's own metric of
 * the calls it makes ({@code grpc_client_processing_duration_seconds_count}, per method) and the
 * user service's metric of the calls it answers.
 */
class ClusterSessionIT extends ConformanceTest {
    private static final Pattern CALLS = Pattern.compile(
            "^grpc_(client|server)_processing_duration_seconds_count\\{([^}]*)} ([0-9.eE+]+)$", Pattern.MULTILINE);
    private static final Pattern METHOD = Pattern.compile("method=\"([^\"]+)\"");
    private static final Pattern SERVICE = Pattern.compile("grpc_service=\"(?:community\\.v1\\.)?([^\"]+)\"");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aLogoutIsEffectiveOnTheVeryNextRequest() {
        Session alice = newUser("alice");
        String profile = "/api/v1/user/" + alice.id();
        assertOk(api.get(profile, alice.token()));
        assertOk(api.get(profile, alice.token())); // the session is now one the gateway has seen

        assertOk(api.post("/api/v1/auth/logout", alice.token(), Map.of()));

        assertError(api.get(profile, alice.token()), 401, 20612);
    }

    @Test
    void aPasswordChangeEndsEverySessionOnTheVeryNextRequest() {
        Session bob = newUser("bob");
        String other = login(bob.email(), "password-bob");
        String profile = "/api/v1/user/" + bob.id();
        for (String token : new String[] {bob.token(), other}) {
            assertOk(api.get(profile, token));
            assertOk(api.get(profile, token));
        }

        assertOk(api.put(
                "/api/v1/user/password/" + bob.id(),
                bob.token(),
                Map.of("oldPassword", "password-bob", "password", "password-bob-2")));

        assertError(api.get(profile, bob.token()), 401, 20612);
        assertError(api.get(profile, other), 401, 20612);
        assertOk(api.get(profile, login(bob.email(), "password-bob-2")));
    }

    @Test
    void eachRequestCallsEachContextItTouchesAtMostOnceAndNobodyChecksTheSessionAgain() throws Exception {
        Session reader = newUser("reader");
        Session writer = newUser("writer");
        assertOk(api.post("/api/v1/relation/follow", reader.token(), Map.of("followedUid", writer.id())));
        for (int i = 0; i < 3; i++) {
            assertOk(api.post("/api/v1/post", writer.token(), Map.of("title", "post " + i, "text", "text " + i)));
        }
        String profile = "/api/v1/user/" + writer.id();
        assertOk(api.get(profile, reader.token())); // the gateway has now seen the reader's session

        assertCalls(() -> assertOk(api.get(profile, reader.token())), Map.of("UserService/Get", 1));
        assertCalls(
                () -> assertOk(api.get("/api/v1/relation/count?userId=" + writer.id(), reader.token())),
                Map.of("RelationService/Count", 1));
        assertCalls(
                () -> assertOk(api.post("/api/v1/post/latest/list", reader.token(), Map.of("page", 0, "limit", 20))),
                Map.of("PostService/Latest", 1, "UserService/Summaries", 1));
        assertCalls(
                () -> assertOk(api.post("/api/v1/feed/list", reader.token(), Map.of("page", 0, "limit", 20))),
                Map.of("RelationService/FollowingIds", 1, "PostService/ListByUsers", 1, "UserService/Summaries", 1));
    }

    /** The gateway's calls during {@code request} are exactly {@code expected}, and no service checked a session. */
    private void assertCalls(Runnable request, Map<String, Integer> expected) throws Exception {
        Map<String, Double> gatewayBefore = calls(deployment.node("gateway").managementUri(), "client");
        Map<String, Double> servicesBefore = new HashMap<>();
        for (String service : Deployment.SERVICES) {
            calls(deployment.node(service).managementUri(), "server")
                    .forEach((k, v) -> servicesBefore.merge(service + ":" + k, v, Double::sum));
        }
        request.run();
        Map<String, Double> gatewayAfter = calls(deployment.node("gateway").managementUri(), "client");
        Map<String, Integer> made = new HashMap<>();
        gatewayAfter.forEach((method, count) -> {
            int delta = (int) Math.round(count - gatewayBefore.getOrDefault(method, 0.0));
            if (delta != 0) {
                made.put(method, delta);
            }
        });
        assertThat(made).as("remote calls the gateway made for one request").isEqualTo(expected);
        Map<String, Integer> answered = new HashMap<>();
        for (String service : Deployment.SERVICES) {
            calls(deployment.node(service).managementUri(), "server").forEach((method, count) -> {
                int delta = (int) Math.round(count - servicesBefore.getOrDefault(service + ":" + method, 0.0));
                if (delta != 0) {
                    answered.merge(method, delta, Integer::sum);
                }
            });
        }
        assertThat(answered)
                .as("calls the services answered: the gateway's, and no session check or service-to-service call")
                .isEqualTo(expected);
    }

    /** {@code grpc_<side>_processing_duration_seconds_count} summed over status codes, by {@code Service/Method}. */
    private Map<String, Double> calls(URI management, String side) throws Exception {
        String text = http.send(
                        HttpRequest.newBuilder(management.resolve("/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Map<String, Double> counts = new HashMap<>();
        Matcher line = CALLS.matcher(text);
        while (line.find()) {
            if (!line.group(1).equals(side)) {
                continue;
            }
            Matcher method = METHOD.matcher(line.group(2));
            Matcher service = SERVICE.matcher(line.group(2));
            if (method.find() && service.find() && !service.group(1).startsWith("grpc.")) {
                counts.merge(service.group(1) + "/" + method.group(1), Double.parseDouble(line.group(3)), Double::sum);
            }
        }
        return counts;
    }
}
