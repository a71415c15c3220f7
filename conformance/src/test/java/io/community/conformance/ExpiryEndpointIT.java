package io.community.conformance;

import org.junit.jupiter.api.Test;

import java.util.Map;

/** Expiry of codes and tokens, on a context with short lifetimes. */
class ExpiryEndpointIT extends ConformanceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("community.user.code-ttl", "1s", "community.jwt.ttl", "3s");
    }

    @Test
    void anExpiredCodeIsRejected() throws InterruptedException {
        String email = uniqueEmail("late");
        assertOk(api.post("/api/v1/auth/email", null, Map.of("email", email)));
        String code = TestMailServer.lastCodeFor(email);
        Thread.sleep(1500);
        assertError(
                api.post(
                        "/api/v1/auth/register",
                        null,
                        Map.of("email", email, "emailCode", code, "password", "password-1")),
                400,
                20610);
    }

    @Test
    void anExpiredTokenIsRejected() throws InterruptedException {
        String email = uniqueEmail("expiring");
        assertOk(api.post("/api/v1/auth/email", null, Map.of("email", email)));
        long id = api.post(
                        "/api/v1/auth/register",
                        null,
                        Map.of(
                                "email",
                                email,
                                "emailCode",
                                TestMailServer.lastCodeFor(email),
                                "password",
                                "password-1"))
                .dataLong("id");
        String token = login(email, "password-1");
        assertOk(api.get("/api/v1/user/" + id, token));
        Thread.sleep(4000);
        assertError(api.get("/api/v1/user/" + id, token), 401, 20612);
    }
}
