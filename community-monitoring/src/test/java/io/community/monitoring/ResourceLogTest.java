package io.community.monitoring;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The resource line: off by default, on with an interval, with every figure it promises. */
class ResourceLogTest {

    @Test
    void offByDefault() {
        try (ApplicationContext ctx = ApplicationContext.run()) {
            assertThat(ctx.containsBean(ResourceLog.class)).isFalse();
        }
    }

    @Test
    void onWithAnIntervalAndReportsCpuHeapThreadsAndGc() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("community.resource-log.interval", "1h"))) {
            String line = ctx.getBean(ResourceLog.class).line();
            assertThat(line)
                    .matches("cpu=(n/a|\\d+\\.\\d%) heap=\\d+/\\d+/(\\d+|-)MiB threads=\\d+/\\d+ gc=\\d+ in \\d+ms");
            System.gc();
            assertThat(ctx.getBean(ResourceLog.class).line()).doesNotContain("gc=0 in");
        }
    }

    @Test
    void anIntervalBelowOneSecondIsRefused() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("community.resource-log.interval", "10ms")))
                .hasStackTraceContaining("at least 1s");
    }
}
