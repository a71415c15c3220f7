package io.community.conformance;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The nine user endpoints over real HTTP on MariaDB, Redis and SMTP, with the REST contract's statuses and codes. */
class UserEndpointIT extends ConformanceTest {

    @Test
    void fullJourney() {
        String email = uniqueEmail("journey");
        assertOk(api.post("/api/v1/auth/email", null, Map.of("email", email)));
        assertThat(TestMailServer.mailsTo(email)).isEqualTo(1);
        Api.Answer reg = api.post(
                "/api/v1/auth/register",
                null,
                Map.of("email", email, "emailCode", TestMailServer.lastCodeFor(email), "password", "first-password"));
        assertOk(reg);
        long id = reg.dataLong("id");

        Api.Answer login = api.post("/api/v1/auth/login", null, Map.of("email", email, "password", "first-password"));
        assertOk(login);
        assertThat(login.dataLong("id")).isEqualTo(id);
        String token = login.dataString("token");

        Api.Answer self = api.get("/api/v1/user/" + id, token);
        assertOk(self);
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) self.data().get("userInfo");
        assertThat(info).containsEntry("email", email).doesNotContainKeys("password", "passwordHash", "role");
        assertThat(((Number) info.get("loginAt")).longValue()).isPositive();
        assertThat(info.get("loginIp")).isEqualTo("127.0.0.1");
        assertThat(self.raw()).doesNotContain("$2a$").doesNotContain("$2b$");

        assertOk(api.put(
                "/api/v1/user/" + id,
                token,
                Map.of(
                        "nickName",
                        "Nick 😀",
                        "gender",
                        2,
                        "age",
                        30,
                        "birthday",
                        "1996-02-29",
                        "phone",
                        "+49 30 123")));
        @SuppressWarnings("unchecked")
        Map<String, Object> updated = (Map<String, Object>)
                api.get("/api/v1/user/" + id, token).data().get("userInfo");
        assertThat(updated)
                .containsEntry("nickName", "Nick 😀")
                .containsEntry("gender", 2)
                .containsEntry("age", 30)
                .containsEntry("birthday", "1996-02-29")
                .containsEntry("phone", "+49 30 123");

        assertOk(api.put(
                "/api/v1/user/password/" + id,
                token,
                Map.of("oldPassword", "first-password", "password", "second-password")));
        assertError(api.get("/api/v1/user/" + id, token), 401, 20612);
        assertError(
                api.post("/api/v1/auth/login", null, Map.of("email", email, "password", "first-password")), 401, 20611);

        String token2 = login(email, "second-password");
        assertOk(api.get("/api/v1/user/" + id, token2));
        assertOk(api.post("/api/v1/auth/logout", token2, Map.of("id", id)));
        assertError(api.get("/api/v1/user/" + id, token2), 401, 20612);
    }

    @Test
    void wrongAndReusedCodes() {
        String email = uniqueEmail("codes");
        assertOk(api.post("/api/v1/auth/email", null, Map.of("email", email)));
        String code = TestMailServer.lastCodeFor(email);
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertError(
                api.post(
                        "/api/v1/auth/register",
                        null,
                        Map.of("email", email, "emailCode", wrong, "password", "password-1")),
                400,
                20610);
        assertOk(api.post(
                "/api/v1/auth/register", null, Map.of("email", email, "emailCode", code, "password", "password-1")));
        // the email is taken now, and the code is gone as well
        assertError(
                api.post(
                        "/api/v1/auth/register",
                        null,
                        Map.of("email", email, "emailCode", code, "password", "password-1")),
                400,
                20610);
        assertError(api.post("/api/v1/auth/email", null, Map.of("email", email)), 409, 10005);
    }

    @Test
    void fiveWrongTriesVoidTheCode() {
        String email = uniqueEmail("tries");
        assertOk(api.post("/api/v1/auth/email", null, Map.of("email", email)));
        String code = TestMailServer.lastCodeFor(email);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertError(
                    api.post(
                            "/api/v1/auth/register",
                            null,
                            Map.of("email", email, "emailCode", wrong, "password", "password-1")),
                    400,
                    20610);
        }
        assertError(
                api.post(
                        "/api/v1/auth/register",
                        null,
                        Map.of("email", email, "emailCode", code, "password", "password-1")),
                400,
                20610);
    }

    @Test
    void resendWithinSixtySecondsIsRateLimited() {
        String email = uniqueEmail("resend");
        assertOk(api.post("/api/v1/auth/email", null, Map.of("email", email)));
        assertError(api.post("/api/v1/auth/email", null, Map.of("email", email)), 429, 10007);
        assertThat(TestMailServer.mailsTo(email)).isEqualTo(1);
    }

    @Test
    void twentyConcurrentRegistrationsOfOneEmailLeaveOneRow() throws Exception {
        String email = uniqueEmail("race");
        assertOk(api.post("/api/v1/auth/email", null, Map.of("email", email)));
        String code = TestMailServer.lastCodeFor(email);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Callable<Api.Answer> call = () -> {
                start.await();
                return api.post(
                        "/api/v1/auth/register",
                        null,
                        Map.of("email", email, "emailCode", code, "password", "password-1"));
            };
            answers.add(pool.submit(call));
        }
        start.countDown();
        Map<Integer, Integer> byStatus = new HashMap<>();
        for (Future<Api.Answer> f : answers) {
            Api.Answer a = f.get();
            byStatus.merge(a.status(), 1, Integer::sum);
            if (a.status() != 200) {
                // losers either met the unique key or found the code already consumed
                assertThat(a.code()).as(a.toString()).isIn(10005, 20610);
            }
        }
        pool.shutdown();
        assertThat(byStatus.get(200)).isEqualTo(1);
        assertThat(rowsWithEmail(email)).isEqualTo(1);
    }

    @Test
    void loginFailsAlikeForUnknownEmailAndWrongPassword() {
        Session a = newUser("login");
        Api.Answer wrongPassword =
                api.post("/api/v1/auth/login", null, Map.of("email", a.email(), "password", "nope-nope"));
        Api.Answer unknown =
                api.post("/api/v1/auth/login", null, Map.of("email", uniqueEmail("ghost"), "password", "nope-nope"));
        assertError(wrongPassword, 401, 20611);
        assertError(unknown, 401, 20611);
        assertThat(wrongPassword.body()).isEqualTo(unknown.body());
    }

    @Test
    void passwordGuessingIsThrottled() {
        Session a = newUser("guessed");
        for (int i = 0; i < 10; i++) {
            assertError(
                    api.post("/api/v1/auth/login", null, Map.of("email", a.email(), "password", "guess-" + i)),
                    401,
                    20611);
        }
        assertError(
                api.post("/api/v1/auth/login", null, Map.of("email", a.email(), "password", "password-guessed")),
                429,
                10007);
        // sessions that already exist are not affected
        assertOk(api.get("/api/v1/user/" + a.id(), a.token()));
    }

    @Test
    void everyLoginOpensItsOwnSession() {
        Session a = newUser("sessions");
        String second = login(a.email(), "password-sessions");
        assertOk(api.post("/api/v1/auth/logout", a.token(), Map.of()));
        assertError(api.get("/api/v1/user/" + a.id(), a.token()), 401, 20612);
        assertOk(api.get("/api/v1/user/" + a.id(), second));
    }

    @Test
    void forgedTokensAreRejected() {
        Session a = newUser("forge");
        String[] parts = a.token().split("\\.");
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);

        String none = enc.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + parts[1] + ".";
        assertError(api.get("/api/v1/user/" + a.id(), none), 401, 20612);

        String hs512Header = enc.encodeToString("{\"alg\":\"HS512\"}".getBytes(StandardCharsets.UTF_8));
        assertError(api.get("/api/v1/user/" + a.id(), hs512Header + "." + parts[1] + "." + parts[2]), 401, 20612);

        char[] sig = parts[2].toCharArray();
        sig[sig.length / 2] = sig[sig.length / 2] == 'A' ? 'B' : 'A';
        assertError(api.get("/api/v1/user/" + a.id(), parts[0] + "." + parts[1] + "." + new String(sig)), 401, 20612);

        String otherSubject = enc.encodeToString(
                payload.replaceFirst("\"sub\":\"\\d+\"", "\"sub\":\"1\"").getBytes(StandardCharsets.UTF_8));
        assertError(api.get("/api/v1/user/" + a.id(), parts[0] + "." + otherSubject + "." + parts[2]), 401, 20612);

        assertError(api.get("/api/v1/user/" + a.id(), null), 401, 20615);
        assertError(api.send("GET", "/api/v1/user/" + a.id(), null, null, null), 401, 20615);
        assertError(api.get("/api/v1/user/" + a.id(), "garbage"), 401, 20612);
        assertOk(api.get("/api/v1/user/" + a.id(), a.token()));
    }

    @Test
    void anotherUserCannotTouchMyAccount() {
        Session a = newUser("victim");
        Session b = newUser("attacker");
        assertError(api.put("/api/v1/user/" + a.id(), b.token(), Map.of("nickName", "pwned")), 403, 10008);
        assertError(api.delete("/api/v1/user/" + a.id(), b.token()), 403, 10008);
        assertError(
                api.put(
                        "/api/v1/user/password/" + a.id(),
                        b.token(),
                        Map.of("oldPassword", "password-attacker", "password", "new-password")),
                403,
                10008);
        assertError(api.post("/api/v1/auth/logout", b.token(), Map.of("id", a.id())), 403, 10008);
        assertError(api.post("/api/v1/auth/logout", b.token(), Map.of("token", a.token())), 403, 10008);
        // A is untouched and still logged in
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>)
                api.get("/api/v1/user/" + a.id(), a.token()).data().get("userInfo");
        assertThat(info.get("nickName")).isNotEqualTo("pwned");
        // B sees A without contact data
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>)
                api.get("/api/v1/user/" + a.id(), b.token()).data().get("userInfo");
        assertThat(seen).doesNotContainKeys("email", "phone").containsEntry("id", (int) a.id());
    }

    @Test
    void deletingAUserRevokesItsSessionsAndHidesIt() {
        Session a = newUser("leaver");
        Session b = newUser("watcher");
        assertOk(api.delete("/api/v1/user/" + a.id(), a.token()));
        assertError(api.get("/api/v1/user/" + a.id(), a.token()), 401, 20612);
        assertError(api.get("/api/v1/user/" + a.id(), b.token()), 404, 10004);
        assertError(
                api.post("/api/v1/auth/login", null, Map.of("email", a.email(), "password", "password-leaver")),
                401,
                20611);
    }

    @Test
    void adminListIsAdminOnlyAndRejectsInjection() {
        Session user = newUser("plain");
        long adminId = register(ADMIN_EMAIL, "admin-password");
        String admin = login(ADMIN_EMAIL, "admin-password");
        Map<String, Object> params = new HashMap<>(Map.of("page", 0, "limit", 10, "sort", "-id"));
        assertError(api.post("/api/v1/user/list", user.token(), Map.of("params", params)), 403, 10008);

        Api.Answer list = api.post("/api/v1/user/list", admin, Map.of("params", params));
        assertOk(list);
        assertThat(list.dataLong("total")).isGreaterThanOrEqualTo(2);
        assertThat(list.raw()).doesNotContain("$2");

        params.put("sort", "id; DROP TABLE user");
        assertError(api.post("/api/v1/user/list", admin, Map.of("params", params)), 400, 10001);
        params.put("sort", "password");
        assertError(api.post("/api/v1/user/list", admin, Map.of("params", params)), 400, 10001);
        params.put("sort", "-id");
        params.put("columns", List.of(Map.of("name", "password", "exp", "like", "value", "$2")));
        assertError(api.post("/api/v1/user/list", admin, Map.of("params", params)), 400, 10001);
        params.put("columns", List.of(Map.of("name", "email", "exp", "=", "value", "' OR '1'='1")));
        Api.Answer injected = api.post("/api/v1/user/list", admin, Map.of("params", params));
        assertOk(injected);
        assertThat(injected.dataLong("total")).isZero();
        params.put("columns", List.of(Map.of("name", "id", "exp", "=", "value", String.valueOf(user.id()))));
        Api.Answer one = api.post("/api/v1/user/list", admin, Map.of("params", params));
        assertThat(one.dataLong("total")).isEqualTo(1);
        params.put("limit", 101);
        assertError(api.post("/api/v1/user/list", admin, Map.of("params", params)), 400, 10001);
        // the admin may also manage other users
        assertOk(api.put("/api/v1/user/" + user.id(), admin, Map.of("nickName", "renamed by admin")));
        assertOk(api.delete("/api/v1/user/" + user.id(), admin));
        assertThat(adminId).isPositive();
    }

    @Test
    void badInputGetsAClear400WithFieldErrors() {
        Api.Answer malformed = api.send("POST", "/api/v1/auth/login", null, "{\"email\": ", "application/json");
        assertError(malformed, 400, 10001);
        Api.Answer wrongType = api.send(
                "POST",
                "/api/v1/auth/register",
                null,
                "{\"email\":\"a@example.com\",\"emailCode\":[1],\"password\":\"password-1\"}",
                "application/json");
        assertError(wrongType, 400, 10001);
        Api.Answer invalid = api.post(
                "/api/v1/auth/register", null, Map.of("email", "not-an-email", "emailCode", "12", "password", "short"));
        assertError(invalid, 400, 10001);
        assertThat(fieldErrors(invalid))
                .extracting(e -> e.get("field"))
                .containsExactlyInAnyOrder("email", "emailCode", "password");
        // 73 bytes in 19 characters: the limit is bcrypt's, in bytes
        String email = uniqueEmail("bytes");
        assertOk(api.post("/api/v1/auth/email", null, Map.of("email", email)));
        Api.Answer tooLong = api.post(
                "/api/v1/auth/register",
                null,
                Map.of(
                        "email",
                        email,
                        "emailCode",
                        TestMailServer.lastCodeFor(email),
                        "password",
                        "😀".repeat(18) + "x"));
        assertError(tooLong, 400, 10001);
        assertThat(fieldErrors(tooLong)).extracting(e -> e.get("field")).containsExactly("password");

        Session a = newUser("validation");
        assertError(api.put("/api/v1/user/" + a.id(), a.token(), Map.of("gender", 3)), 400, 10001);
        assertError(api.put("/api/v1/user/" + a.id(), a.token(), Map.of("age", 151)), 400, 10001);
        assertError(api.get("/api/v1/user/abc", a.token()), 400, 10001);
        // server-owned fields in the body are ignored, not bound
        assertOk(
                api.put("/api/v1/user/" + a.id(), a.token(), Map.of("role", 1, "status", 9, "email", "x@example.com")));
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>)
                api.get("/api/v1/user/" + a.id(), a.token()).data().get("userInfo");
        assertThat(info).containsEntry("email", a.email()).containsEntry("status", 1);
    }

    @Test
    void transportErrorsUseTheEnvelope() {
        Session a = newUser("transport");
        String big = "{\"nickName\":\"" + "x".repeat(1024 * 1024 + 16) + "\"}";
        assertError(api.send("PUT", "/api/v1/user/" + a.id(), a.token(), big, "application/json"), 413, 10001);
        assertError(
                api.send("POST", "/api/v1/auth/login", null, "email=a", "application/x-www-form-urlencoded"),
                415,
                10001);
        assertError(api.get("/api/v1/nothing-here", a.token()), 404, 10004);
        assertError(api.get("/nothing-here", null), 404, 10004);
    }

    private long rowsWithEmail(String email) throws Exception {
        // the raw pool: the injected bean is Micronaut Data's contextual proxy, usable only inside a transaction
        try (Connection c = deployment.connect(Deployment.Context.USER);
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM `user` WHERE email = ?")) {
            s.setString(1, email);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
