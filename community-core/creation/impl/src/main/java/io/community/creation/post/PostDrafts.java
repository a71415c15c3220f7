package io.community.creation.post;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.error.FieldError;
import io.community.creation.api.PostDraft;
import io.community.creation.api.PostType;
import io.community.creation.post.PostStore.PostContent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The post input rules and the stored {@code content} document, checked by the service whatever
 * the transport. The type follows the content: a video makes a video post, pictures an image
 * post, text alone a text post — on create and on every update.
 *
 * <p>Pictures and any part of a video together are 20412, checked before everything else: the
 * client mixed two post types, and what else is missing or wrong does not matter until it chooses.
 * A video is its five fields, all or none (20413). A string field counts as given when it is
 * not empty and a number when it is not 0, because clients of the reference send every field with
 * its zero value ({@code "videoKey":"", "coverWidth":0}) on text and image posts.
 */
final class PostDrafts {
    static final int TITLE_MAX = 250;
    static final int TEXT_MAX = 10_000;
    static final int PICS_MAX = 9;
    static final int KEY_MAX = 255;
    static final int POSITION_MAX = 100;
    /** {@code post.content} is a TEXT column. */
    static final int CONTENT_MAX_BYTES = 65_535;

    private final ObjectMapper json;

    PostDrafts(ObjectMapper json) {
        this.json = json;
    }

    PostContent validate(PostDraft d) {
        int videoParts = given(d.videoKey())
                + given(d.videoDuration())
                + given(d.coverKey())
                + given(d.coverWidth())
                + given(d.coverHeight());
        boolean pictures = !d.picKeys().isEmpty();
        if (pictures && videoParts > 0) {
            throw new DomainException(ErrorReason.IMAGES_AND_VIDEO);
        }
        List<FieldError> errors = new ArrayList<>();
        String title = d.title();
        if (title == null || title.isBlank()) {
            errors.add(new FieldError("title", "must not be blank"));
        } else {
            maxLength(errors, "title", title, TITLE_MAX);
        }
        String text = d.text() == null ? "" : d.text();
        maxLength(errors, "text", text, TEXT_MAX);
        if (d.picKeys().size() > PICS_MAX) {
            errors.add(new FieldError("picKeys", "at most " + PICS_MAX + " pictures"));
        }
        for (int i = 0; i < d.picKeys().size(); i++) {
            String key = d.picKeys().get(i);
            if (key == null || key.isBlank()) {
                errors.add(new FieldError("picKeys[" + i + "]", "must not be blank"));
            } else {
                maxLength(errors, "picKeys[" + i + "]", key, KEY_MAX);
            }
        }
        maxLength(errors, "videoKey", d.videoKey(), KEY_MAX);
        maxLength(errors, "coverKey", d.coverKey(), KEY_MAX);
        notNegative(errors, "videoDuration", d.videoDuration());
        notNegative(errors, "coverWidth", d.coverWidth());
        notNegative(errors, "coverHeight", d.coverHeight());
        double longitude = coordinate(errors, "longitude", d.longitude(), 180);
        double latitude = coordinate(errors, "latitude", d.latitude(), 90);
        String position = d.position() == null ? "" : d.position();
        maxLength(errors, "position", position, POSITION_MAX);
        if (!errors.isEmpty()) {
            throw new DomainException(ErrorReason.INVALID_PARAMS, "invalid post", Map.of(), errors);
        }

        if (videoParts > 0 && videoParts < 5) {
            throw new DomainException(
                    ErrorReason.INCOMPLETE_VIDEO,
                    "a video needs videoKey, videoDuration, coverKey, coverWidth and coverHeight");
        }
        boolean video = videoParts == 5;
        if (!video && !pictures && text.isBlank()) {
            throw new DomainException(ErrorReason.BAD_POST_TYPE, "a post needs text, pictures or a video");
        }

        PostType type;
        Object document;
        if (video) {
            type = PostType.VIDEO;
            document = new VideoDocument(
                    text, new Video(d.videoKey(), d.videoDuration(), d.coverKey(), d.coverWidth(), d.coverHeight()));
        } else if (pictures) {
            type = PostType.IMAGE;
            document = new PicturesDocument(text, d.picKeys());
        } else {
            type = PostType.TEXT;
            document = new TextDocument(text);
        }
        String content = write(document);
        if (content.getBytes(StandardCharsets.UTF_8).length > CONTENT_MAX_BYTES) {
            throw DomainException.invalidField("text", "too long for the post's content");
        }
        return new PostContent(type, title, content, longitude, latitude, position);
    }

    private String write(Object document) {
        try {
            return json.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a post's content", e);
        }
    }

    private static int given(@Nullable String value) {
        return value == null || value.isEmpty() ? 0 : 1;
    }

    private static int given(@Nullable Integer value) {
        return value == null || value == 0 ? 0 : 1;
    }

    private static void maxLength(List<FieldError> errors, String field, @Nullable String value, int max) {
        // characters as the database counts them (code points), not UTF-16 units
        if (value != null && value.codePointCount(0, value.length()) > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static void notNegative(List<FieldError> errors, String field, @Nullable Integer value) {
        if (value != null && value < 0) {
            errors.add(new FieldError(field, "must not be negative"));
        }
    }

    private static double coordinate(List<FieldError> errors, String field, @Nullable Double value, double bound) {
        if (value == null) {
            return 0;
        }
        if (value.isNaN() || value < -bound || value > bound) {
            errors.add(new FieldError(field, "must be between -" + (int) bound + " and " + (int) bound));
            return 0;
        }
        return value;
    }

    // ALWAYS: serde leaves out empty strings and lists by default; the document always has "text".
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TextDocument(String text) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PicturesDocument(String text, List<String> pic) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record VideoDocument(String text, Video video) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Video(
            @JsonProperty("video_url") String videoUrl,
            int duration,
            @JsonProperty("cover_url") String coverUrl,
            @JsonProperty("cover_width") int coverWidth,
            @JsonProperty("cover_height") int coverHeight) {}
}
