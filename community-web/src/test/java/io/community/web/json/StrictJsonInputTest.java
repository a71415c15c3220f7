package io.community.web.json;

import io.community.web.testing.FakePosts;
import io.community.web.testing.FakeUsers;
import io.community.web.testing.Http;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP adapter over in-memory use cases: what it accepts as JSON and how it says no. The use
 * cases record what the adapter bound, so "accepted" and "rejected" are both observed.
 */
@MicronautTest
class StrictJsonInputTest {
    /** Java names, packages and the JSON library never reach a client. */
    private static final Pattern INTERNAL_TEXT =
            Pattern.compile("io\\.|java\\.|com\\.fasterxml|Jackson|\\$|serde", Pattern.CASE_INSENSITIVE);

    @Inject
    EmbeddedServer server;

    @Inject
    FakeUsers users;

    @Inject
    FakePosts posts;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(server);
        users.reset();
    }

    private Http.Answer updateAlice(String body) {
        return http.json("PUT", "/api/v1/user/" + FakeUsers.ALICE, "alice", body);
    }

    private static void assertRejected(Http.Answer answer, String field, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body())
                .contains("\"code\":10001")
                .contains("\"msg\":\"" + field + ": " + message + "\"")
                .contains("{\"field\":\"" + field + "\",\"message\":\"" + message + "\"}")
                .doesNotContainPattern(INTERNAL_TEXT);
    }

    @Test
    void wellTypedInputIsBound() {
        Http.Answer ok = updateAlice("{\"nickName\":\"Nick 😀\",\"age\":30,\"gender\":2, \"unknown\":{\"x\":[1]}}");

        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(users.lastChanges().nickName()).isEqualTo("Nick 😀");
        assertThat(users.lastChanges().age()).isEqualTo(30);
        assertThat(users.lastChanges().gender()).isEqualTo(2);
        // null is "not given" for an optional field; whitespace around the value is JSON
        assertThat(updateAlice("  {\"age\":null}\n\t").status()).isEqualTo(200);
        assertThat(users.lastChanges().age()).isNull();
        // an integer is a number: a coordinate may be written without a fraction
        Http.Answer post =
                http.json("POST", "/api/v1/post", "alice", "{\"title\":\"t\",\"longitude\":12,\"latitude\":-1.5}");
        assertThat(post.status()).as(post.body()).isEqualTo(200);
        assertThat(posts.lastDraft().longitude()).isEqualTo(12.0);
        assertThat(posts.lastDraft().latitude()).isEqualTo(-1.5);
    }

    @Test
    void contentAfterTheJsonValueIsRejected() {
        assertRejected(
                updateAlice("{\"nickName\":\"x\"}xyz{{{"), "body", "must be one JSON value with nothing after it");
        assertRejected(
                updateAlice("{\"nickName\":\"x\"} {\"age\":3}"),
                "body",
                "must be one JSON value with nothing after it");
        assertRejected(updateAlice("{\"nickName\":\"x\"}]"), "body", "must be one JSON value with nothing after it");
        assertThat(users.lastChanges()).as("nothing was bound").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"age":true}          | age      | must be an integer
            {"age":1.9}           | age      | must be an integer
            {"age":1.0}           | age      | must be an integer
            {"age":1e1}           | age      | must be an integer
            {"age":"１２３"}       | age      | must be an integer
            {"age":"12"}          | age      | must be an integer
            {"age":[5]}           | age      | must be an integer
            {"age":{}}            | age      | must be an integer
            {"age":99999999999}   | age      | must be an integer
            {"nickName":12345}    | nickName | must be a string
            {"nickName":true}     | nickName | must be a string
            {"nickName":["x"]}    | nickName | must be a string
            {"nickName":{"a":1}}  | nickName | must be a string
            """)
    void noTypeCoercion(String body, String field, String message) {
        assertRejected(updateAlice(body), field, message);
        assertThat(users.lastChanges()).as("nothing was bound").isNull();
    }

    @Test
    void nestedFieldsAreNamedByTheirJsonPath() {
        assertRejected(
                http.json("POST", "/api/v1/user/list", "admin", "{\"params\":{\"page\":true,\"limit\":10}}"),
                "params.page",
                "must be an integer");
        assertRejected(
                http.json(
                        "POST",
                        "/api/v1/user/list",
                        "admin",
                        "{\"params\":{\"page\":0,\"limit\":10,\"columns\":[{\"name\":\"age\"},{\"name\":7}]}}"),
                "params.columns[1].name",
                "must be a string");
        assertRejected(
                http.json("POST", "/api/v1/user/list", "admin", "{\"params\":[0,10]}"),
                "params",
                "must be a JSON object");
        assertRejected(
                http.json("POST", "/api/v1/post/list/ids", "alice", "{\"ids\":[1,\"2\"]}"),
                "ids[1]",
                "must be an integer");
        assertRejected(
                http.json("POST", "/api/v1/post/list/ids", "alice", "{\"ids\":5}"), "ids", "must be a JSON array");
        assertRejected(
                http.json("POST", "/api/v1/post/latest/list", "alice", "{\"page\":0,\"limit\":\"10\"}"),
                "limit",
                "must be an integer");
        assertRejected(
                http.json("POST", "/api/v1/post", "alice", "{\"title\":\"t\",\"longitude\":\"1.5\"}"),
                "longitude",
                "must be a number");
        assertRejected(
                http.json("POST", "/api/v1/post", "alice", "{\"title\":\"t\",\"latitude\":false}"),
                "latitude",
                "must be a number");
    }

    @Test
    void strictAlsoWithACharsetAndForOutOfRangeOrDeepValues() {
        assertRejected(
                http.send(
                        "PUT",
                        "/api/v1/user/" + FakeUsers.ALICE,
                        "alice",
                        "{\"age\":true}",
                        "application/json; charset=UTF-8"),
                "age",
                "must be an integer");
        assertRejected(
                http.json("POST", "/api/v1/post", "alice", "{\"title\":\"t\",\"longitude\":1e999}"),
                "longitude",
                "must be a number");
        assertRejected(
                http.json("POST", "/api/v1/post/list/ids", "alice", "{\"ids\":[99999999999999999999]}"),
                "ids[0]",
                "must be an integer");
        assertRejected(
                updateAlice("{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
                "body",
                "is nested too deeply or holds a number or string too long to read");
    }

    @Test
    void theBodyAsAWholeIsNamedBody() {
        assertRejected(http.json("POST", "/api/v1/auth/login", null, "{\"email\": "), "body", "is not valid JSON");
        assertRejected(http.json("POST", "/api/v1/auth/login", null, "{'email':'a'}"), "body", "is not valid JSON");
        assertRejected(http.json("POST", "/api/v1/auth/login", null, "[1]"), "body", "must be a JSON object");
        assertRejected(http.json("POST", "/api/v1/auth/login", null, "\"x\""), "body", "must be a JSON object");
        assertRejected(http.json("POST", "/api/v1/auth/login", null, ""), "body", "is required: send a JSON object");
    }

    @Test
    void pathValuesSayWhatTheyExpect() {
        assertRejected(http.send("GET", "/api/v1/user/abc", "alice", null, null), "id", "must be an integer");
        assertRejected(http.send("GET", "/api/v1/user/１２", "alice", null, null), "id", "must be an integer");
    }

    @Test
    void aBodyWithoutContentTypeIs415() {
        Http.Answer none = http.send("PUT", "/api/v1/user/" + FakeUsers.ALICE, "alice", "{\"nickName\":\"n\"}", null);

        assertThat(none.status()).as(none.body()).isEqualTo(415);
        assertThat(none.body())
                .contains("\"code\":10001")
                .contains("application/json")
                .doesNotContainPattern(INTERNAL_TEXT);
        assertThat(users.lastChanges()).as("nothing was bound").isNull();
        // the same before authentication, on a public endpoint
        assertThat(http.send("POST", "/api/v1/auth/login", null, "{\"email\":\"a\",\"password\":\"b\"}", null)
                        .status())
                .isEqualTo(415);
    }

    @ParameterizedTest
    @CsvSource({"text/plain", "application/x-www-form-urlencoded", "application/xml"})
    void aWrongContentTypeIs415(String contentType) {
        Http.Answer wrong =
                http.send("PUT", "/api/v1/user/" + FakeUsers.ALICE, "alice", "{\"nickName\":\"n\"}", contentType);

        assertThat(wrong.status()).as(wrong.body()).isEqualTo(415);
        assertThat(wrong.body()).contains("\"code\":10001").doesNotContainPattern(INTERNAL_TEXT);
        assertThat(users.lastChanges()).isNull();
    }

    @Test
    void requestsWithoutABodyNeedNoContentType() {
        assertThat(http.send("GET", "/api/v1/user/" + FakeUsers.ALICE, "alice", null, null)
                        .status())
                .isEqualTo(200);
        assertThat(http.send("DELETE", "/api/v1/user/" + FakeUsers.ALICE, "alice", null, null)
                        .status())
                .isEqualTo(200);
    }
}
