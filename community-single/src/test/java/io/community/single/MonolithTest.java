package io.community.single;

import io.community.common.testing.TestRedis;
import io.community.common.testing.TestServices;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the monolith's endpoint tests: the real application on a random port, with MariaDB,
 * Redis and an in-JVM SMTP server (codes are read from the received mail, as a person would).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MonolithTest implements TestPropertyProvider {
    static final String SECRET = "test-secret-that-is-long-enough-for-hs256!";
    static final String ADMIN_EMAIL = "admin@example.com";
    private static final AtomicInteger SEQ = new AtomicInteger();

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    Api api;
    /** The key prefix of this class's Redis entries, deleted when the class is done. */
    private TestRedis redis;

    /** A database per test class, so classes cannot see each other's rows. */
    protected String database() {
        return "community_test_" + getClass().getSimpleName().toLowerCase();
    }

    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>();
        TestServices.mariaDbProperties(database()).forEach((k, v) -> p.put(k, String.valueOf(v)));
        p.put("redis.uri", TestServices.redisUri());
        redis = TestRedis.open();
        p.put("community.cache.key-prefix", redis.prefix());
        p.put("community.mail.sink", "smtp");
        p.put("community.mail.smtp.host", "127.0.0.1");
        p.put("community.mail.smtp.port", String.valueOf(TestMailServer.port()));
        p.put("community.jwt.secret", SECRET);
        p.put("community.user.admin-emails", ADMIN_EMAIL);
        p.putAll(extraProperties());
        return p;
    }

    @AfterAll
    void deleteRedisKeys() {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void client() {
        api = new Api(server.getURI(), json);
    }

    static String uniqueEmail(String who) {
        return who + "-" + SEQ.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    long register(String email, String password) {
        Api.Answer sent = api.post("/api/v1/auth/email", null, Map.of("email", email));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        Api.Answer reg = api.post("/api/v1/auth/register", null,
                Map.of("email", email, "emailCode", TestMailServer.lastCodeFor(email), "password", password));
        assertThat(reg.status()).as(reg.toString()).isEqualTo(200);
        return reg.dataLong("id");
    }

    String login(String email, String password) {
        Api.Answer login = api.post("/api/v1/auth/login", null, Map.of("email", email, "password", password));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.dataString("token");
    }

    record Session(long id, String email, String token) {
    }

    Session newUser(String who) {
        String email = uniqueEmail(who);
        long id = register(email, "password-" + who);
        return new Session(id, email, login(email, "password-" + who));
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
