package io.community.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input the contract calls malformed is refused the same way by both deployments: 400 in the
 * envelope naming the JSON field and what it expects, never a coerced value, never Java or library
 * text; 415 for a body that is not declared as JSON.
 */
class StrictInputIT extends ConformanceTest {
    private Session alice;

    @BeforeAll
    void users() {
        api = new Api(deployment.baseUri(), json);
        alice = newUser("alice");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"nickName\":\"x\"}xyz{{{ | ",
                "{\"nickName\":\"x\"} {}    | ",
                "{\"age\":true}             | age",
                "{\"age\":1.9}              | age",
                "{\"age\":\"123\"}          | age",
                "{\"age\":\"１２３\"}        | age",
                "{\"age\":12345678901234567890} | age",
                "{\"nickName\":12345}       | nickName",
                "{\"nickName\":true}        | nickName",
                "{\"gender\":[1]}           | gender"
            })
    void malformedOrMistypedBodiesAre400(String body, String field) {
        Api.Answer answer = api.send("PUT", "/api/v1/user/" + alice.id(), alice.token(), body, "application/json");

        assertError(answer, 400, 10001);
        assertNoInternals(answer);
        if (field != null) {
            assertThat(answer.raw()).as("names the field").contains(field);
        }
        assertThat(userInfo().get("age")).as("nothing was stored").isEqualTo(0);
    }

    @Test
    void bodyWithoutJsonContentTypeIs415() {
        assertError(api.send("PUT", "/api/v1/user/" + alice.id(), alice.token(), "{\"age\":3}", null), 415, 10001);
        assertError(
                api.send("PUT", "/api/v1/user/" + alice.id(), alice.token(), "{\"age\":3}", "text/plain"), 415, 10001);
        assertError(
                api.send(
                        "POST",
                        "/api/v1/auth/login",
                        null,
                        "{\"email\":\"a@b.c\",\"password\":\"12345678\"}",
                        "application/x-www-form-urlencoded"),
                415,
                10001);
        assertThat(userInfo().get("age")).isEqualTo(0);
    }

    @Test
    void pagingParametersOfTheWrongTypeNameTheField() {
        Api.Answer answer = api.send(
                "POST", "/api/v1/post/latest/list", alice.token(), "{\"page\":\"x\",\"limit\":10}", "application/json");

        assertError(answer, 400, 10001);
        assertNoInternals(answer);
        assertThat(answer.raw()).contains("page");
    }

    @Test
    void imagesWithAVideoAre20412WhateverElseIsMissing() {
        assertError(
                api.post(
                        "/api/v1/post",
                        alice.token(),
                        Map.of("title", "both", "picKeys", "a.jpg,b.jpg", "videoKey", "v.mp4")),
                400,
                20412);
        assertError(
                api.post(
                        "/api/v1/post",
                        alice.token(),
                        Map.of(
                                "title",
                                "both",
                                "picKeys",
                                "a.jpg",
                                "videoKey",
                                "v.mp4",
                                "videoDuration",
                                10,
                                "coverKey",
                                "c.jpg",
                                "coverWidth",
                                100,
                                "coverHeight",
                                100)),
                400,
                20412);
        // a video alone that lacks its cover is still the incomplete-video error
        assertError(api.post("/api/v1/post", alice.token(), Map.of("title", "video", "videoKey", "v.mp4")), 400, 20413);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> userInfo() {
        Api.Answer answer = api.get("/api/v1/user/" + alice.id(), alice.token());
        assertOk(answer);
        return (Map<String, Object>) answer.data().get("userInfo");
    }

    private static void assertNoInternals(Api.Answer answer) {
        for (String leak : List.of(
                "io.community",
                "java.",
                "com.fasterxml",
                "Jackson",
                "jackson",
                "$",
                "Exception",
                "StreamReadFeature",
                "micronaut")) {
            assertThat(answer.raw()).as("no Java or library text").doesNotContain(leak);
        }
    }
}
