package io.community.common.cache;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TracedCacheTest {
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans))
            .build();
    private final TracedCache cache = new TracedCache(new InMemoryCache(), provider.get("test"));

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void everyCommandIsAClientSpanWithoutItsKeyAndTheCacheStillWorks() {
        cache.put("session:secret-jti", "v", Duration.ofMinutes(1));
        assertThat(cache.get("session:secret-jti")).contains("v");
        assertThat(cache.increment("n", Duration.ofMinutes(1))).isEqualTo(1);
        assertThat(cache.getAll(List.of("session:secret-jti", "n", "absent"))).hasSize(2);
        assertThat(cache.delete("n")).isTrue();

        List<SpanData> finished = spans.getFinishedSpanItems();
        assertThat(finished)
                .extracting(SpanData::getName)
                .containsExactly("cache put", "cache get", "cache increment", "cache getAll", "cache delete");
        assertThat(finished).allSatisfy(s -> {
            assertThat(s.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(s.getAttributes().asMap().values())
                    .noneMatch(v -> String.valueOf(v).contains("secret-jti"));
        });
        assertThat(finished.get(3).getAttributes().asMap().toString()).contains("cache.keys=3");
    }

    @Test
    void aFailingCommandIsAnErrorSpanAndStillThrows() {
        assertThatThrownBy(() -> cache.put("k", "v", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(spans.getFinishedSpanItems())
                .singleElement()
                .satisfies(s -> assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR));
    }
}
