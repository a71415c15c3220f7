package io.community.common.cache;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonCacheCodecTest {
    private final ObjectMapper mapper = ObjectMapper.getDefault();

    @Serdeable
    record Profile(long id, String nickname, List<String> tags) {}

    record NotSerdeable(long id) {}

    @Test
    void roundTripsARecordWithFourByteCharacters() {
        JsonCacheCodec<Profile> codec = new JsonCacheCodec<>(mapper, Profile.class);
        Profile profile = new Profile(42, "😀 ü 中", List.of("a", "𝄞"));

        String text = codec.encode(profile);

        assertThat(text).startsWith("{").contains("\"nickname\"");
        assertThat(codec.decode(text)).isEqualTo(profile);
    }

    @Test
    void roundTripsAGenericType() {
        JsonCacheCodec<List<Long>> codec = new JsonCacheCodec<>(mapper, Argument.listOf(Long.class));

        assertThat(codec.decode(codec.encode(List.of(3L, 1L, 2L)))).containsExactly(3L, 1L, 2L);
    }

    @Test
    void unreadableTextFailsWithIllegalArgument() {
        JsonCacheCodec<Profile> codec = new JsonCacheCodec<>(mapper, Profile.class);

        assertThatThrownBy(() -> codec.decode("{\"id\":")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decode("null")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decode(CacheAside.ABSENT_MARKER)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTypeWithoutSerdeableFailsToEncode() {
        JsonCacheCodec<NotSerdeable> codec = new JsonCacheCodec<>(mapper, NotSerdeable.class);

        assertThatThrownBy(() -> codec.encode(new NotSerdeable(1))).isInstanceOf(RuntimeException.class);
    }
}
