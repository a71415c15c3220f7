package io.community.common.launch;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BuildInfoTest {

    @Test
    void printsTheVersionOnlyWhenAsked() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

        assertThat(BuildInfo.printIfAsked(new String[] {"--port", "1"}, BuildInfoTest.class, print))
                .isFalse();
        assertThat(out.size()).isZero();

        assertThat(BuildInfo.printIfAsked(new String[] {"--version"}, BuildInfoTest.class, print))
                .isTrue();
        // no build resources on a test classpath: the name falls back to the class, the rest to "unknown"
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("BuildInfoTest unknown")
                .contains("built unknown with Java unknown")
                .contains("commit unknown");
    }
}
