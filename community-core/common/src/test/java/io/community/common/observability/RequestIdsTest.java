package io.community.common.observability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

    @Test
    void safeIdsAreKeptAndEverythingElseIsReplaced() {
        assertThat(RequestIds.acceptOrGenerate("abc-123_x.y:z/1")).isEqualTo("abc-123_x.y:z/1");
        assertThat(RequestIds.acceptOrGenerate("a".repeat(64))).isEqualTo("a".repeat(64));
        for (String unsafe :
                new String[] {null, "", "a".repeat(65), "with space", "line\nbreak", "quote\"", "tab\t", "é"}) {
            assertThat(RequestIds.acceptable(unsafe)).as(String.valueOf(unsafe)).isNull();
            assertThat(RequestIds.acceptOrGenerate(unsafe))
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        }
        assertThat(RequestIds.acceptOrGenerate(null)).isNotEqualTo(RequestIds.acceptOrGenerate(null));
    }
}
