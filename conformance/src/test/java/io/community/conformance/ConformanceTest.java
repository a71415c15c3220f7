package io.community.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the conformance suite: each class gets its own deployment of the kind named by
 * {@code conformance.target} (the monolith, or the gateway in front of the three services), as real
 * processes on fresh MariaDB databases, Redis and an in-JVM SMTP server (codes are read from the
 * received mail, as a person would). The tests only speak HTTP to it, so the same assertions hold
 * for both deployments.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConformanceTest {
    static final String ADMIN_EMAIL = Deployment.ADMIN_EMAIL;
    private static final AtomicInteger SEQ = new AtomicInteger();

    final ObjectMapper json = new ObjectMapper();
    Deployment deployment;
    Api api;

    /** Databases per test class, so classes cannot see each other's rows. */
    protected String database() {
        return "community_test_" + getClass().getSimpleName().toLowerCase();
    }

    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    /** The MariaDB server and Redis the deployment runs on: the shared ones unless a test needs its own. */
    protected Backing backing() {
        return Backing.shared();
    }

    @BeforeAll
    void startDeployment() {
        deployment = Deployment.start(Deployment.targetKind(), database(), extraProperties(), backing());
    }

    @AfterAll
    void stopDeployment() {
        if (deployment != null) {
            deployment.close();
        }
    }

    @BeforeEach
    void client() {
        api = new Api(deployment.baseUri(), json);
    }

    static String uniqueEmail(String who) {
        return who + "-" + SEQ.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    long register(String email, String password) {
        return register(api, email, password);
    }

    String login(String email, String password) {
        return login(api, email, password);
    }

    Session newUser(String who) {
        return newUser(api, who);
    }

    static long register(Api api, String email, String password) {
        Api.Answer sent = api.post("/api/v1/auth/email", null, Map.of("email", email));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        Api.Answer reg = api.post(
                "/api/v1/auth/register",
                null,
                Map.of("email", email, "emailCode", TestMailServer.lastCodeFor(email), "password", password));
        assertThat(reg.status()).as(reg.toString()).isEqualTo(200);
        return reg.dataLong("id");
    }

    static String login(Api api, String email, String password) {
        Api.Answer login = api.post("/api/v1/auth/login", null, Map.of("email", email, "password", password));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.dataString("token");
    }

    record Session(long id, String email, String token) {}

    /** A registered and logged-in user with a unique address. */
    static Session newUser(Api api, String who) {
        String email = uniqueEmail(who);
        long id = register(api, email, "password-" + who);
        return new Session(id, email, login(api, email, "password-" + who));
    }

    static void assertError(Api.Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.code()).as(answer.toString()).isEqualTo(code);
        assertThat(answer.body()).containsKeys("code", "msg", "data");
        assertThat(answer.body().get("data")).as("data is never null").isNotNull();
    }

    static void assertOk(Api.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.code()).isZero();
        assertThat(answer.body().get("msg")).isEqualTo("ok");
        assertThat(answer.body().get("data")).isNotNull();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> fieldErrors(Api.Answer answer) {
        return (List<Map<String, Object>>) answer.data().get("errors");
    }
}
