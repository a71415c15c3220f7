package io.community.creation.api;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The author-supplied part of a post, for create and update. The post type follows from the
 * content: pictures make an image post, a video a video post, otherwise text.
 */
public record PostDraft(
        @Nullable String title, // required: the service answers 400 when it is missing
        @Nullable String text,
        List<String> picKeys,
        @Nullable String videoKey,
        @Nullable Integer videoDuration,
        @Nullable String coverKey,
        @Nullable Integer coverWidth,
        @Nullable Integer coverHeight,
        @Nullable Double longitude,
        @Nullable Double latitude,
        @Nullable String position) {

    public PostDraft {
        picKeys = picKeys == null ? List.of() : List.copyOf(picKeys);
    }
}
