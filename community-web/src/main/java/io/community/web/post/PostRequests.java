package io.community.web.post;

import io.community.creation.api.PostDraft;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Arrays;
import java.util.List;

/**
 * Request bodies of the post endpoints. Unknown JSON fields are ignored; server-owned fields
 * (delFlag on create, counters, visible, the owner) have no place here, so they are never bound.
 * Text lengths are checked by the service in characters (code points), as the database counts.
 */
public final class PostRequests {
    private PostRequests() {}

    private static final String PIC_KEYS =
            "comma-separated picture keys, at most 9, each up to 255 characters;" + " pictures make an image post";
    private static final String VIDEO = "a video is all of videoKey, videoDuration, coverKey, coverWidth and"
            + " coverHeight or none (20413); empty strings and 0 count as absent";

    /** What a client parses out of {@code content}: one JSON document per post type, as the creation context writes it. */
    static final String CONTENT_SHAPES = "A JSON document, serialized into this string; its shape follows postType. "
            + "Every field is always present. "
            + "1 text: {\"text\": string}. "
            + "2 image: {\"text\": string, \"pic\": [string, 1 to 9 picture keys as given in picKeys]}. "
            + "3 video: {\"text\": string, \"video\": {\"video_url\": string (videoKey), "
            + "\"duration\": integer (videoDuration, seconds), \"cover_url\": string (coverKey), "
            + "\"cover_width\": integer, \"cover_height\": integer}}. "
            + "text is \"\" when the post has none. Example (video): {\"text\":\"\",\"video\":{\"video_url\":"
            + "\"v.mp4\",\"duration\":30,\"cover_url\":\"c.jpg\",\"cover_width\":640,\"cover_height\":360}}";

    @Schema(name = "CreatePostRequest", example = "{\"title\": \"Hello\", \"text\": \"My first post\"}")
    @Serdeable
    public record CreatePostRequest(
            @Nullable @Schema(description = "optional; must be the caller")
            Long userId,

            @Nullable @Schema(description = "1 to 250 characters", maxLength = 250)
            String title,

            @Nullable @Schema(description = "up to 10000 characters", maxLength = 10000)
            String text,

            @Nullable @Schema(description = PIC_KEYS, example = "pics/a.png,pics/b.png")
            String picKeys,

            @Nullable @Schema(description = VIDEO, maxLength = 255)
            String videoKey,

            @Nullable @Min(0) @Schema(description = "seconds")
            Integer videoDuration,

            @Nullable @Schema(maxLength = 255) String coverKey,
            @Nullable @Min(0) Integer coverWidth,
            @Nullable @Min(0) Integer coverHeight,
            @Nullable @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @Nullable @DecimalMin("-90") @DecimalMax("90") Double latitude,

            @Nullable @Schema(description = "a place name, up to 100 characters", maxLength = 100)
            String position) {

        PostDraft toDraft() {
            return new PostDraft(
                    title,
                    text,
                    splitKeys(picKeys),
                    videoKey,
                    videoDuration,
                    coverKey,
                    coverWidth,
                    coverHeight,
                    longitude,
                    latitude,
                    position);
        }
    }

    @Schema(name = "UpdatePostRequest", example = "{\"id\": 1, \"title\": \"Hello again\", \"text\": \"Edited text\"}")
    @Serdeable
    public record UpdatePostRequest(
            @NotNull Long id,

            @Nullable @Schema(description = "1 to 250 characters", maxLength = 250)
            String title,

            @Nullable @Schema(description = "up to 10000 characters", maxLength = 10000)
            String text,

            @Nullable @Schema(description = PIC_KEYS) String picKeys,

            @Nullable @Schema(description = VIDEO, maxLength = 255)
            String videoKey,

            @Nullable @Min(0) Integer videoDuration,
            @Nullable @Schema(maxLength = 255) String coverKey,
            @Nullable @Min(0) Integer coverWidth,
            @Nullable @Min(0) Integer coverHeight,
            @Nullable @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @Nullable @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @Nullable @Schema(maxLength = 100) String position) {

        PostDraft toDraft() {
            return new PostDraft(
                    title,
                    text,
                    splitKeys(picKeys),
                    videoKey,
                    videoDuration,
                    coverKey,
                    coverWidth,
                    coverHeight,
                    longitude,
                    latitude,
                    position);
        }
    }

    @Schema(name = "DeletePostRequest", example = "{\"id\": 1, \"delFlag\": 1}")
    @Serdeable
    public record DeletePostRequest(
            @NotNull Long id,

            @Nullable @Schema(description = "optional; must be the caller")
            Long userId,

            @NotNull @Schema(description = "1 deleted by the owner, 2 deleted by an admin")
            Integer delFlag) {}

    @Schema(name = "PostIdRequest", example = "{\"id\": 1}")
    @Serdeable
    public record IdRequest(@NotNull Long id) {}

    @Schema(name = "PostIdsRequest", example = "{\"ids\": [1, 2]}")
    @Serdeable
    public record IdsRequest(
            @NotNull @Size(min = 1, max = 100) List<@NotNull Long> ids) {}

    @Schema(name = "UserPostsRequest", example = "{\"userId\": 1, \"page\": 0, \"limit\": 10}")
    @Serdeable
    public record UserPostsRequest(
            @NotNull Long userId,

            @NotNull @Min(0) @Schema(description = "0-based")
            Integer page,

            @NotNull @Min(1) @Max(100) Integer limit) {}

    @Schema(name = "PageRequest", example = "{\"page\": 0, \"limit\": 10}")
    @Serdeable
    public record PageBody(
            @NotNull @Min(0) @Schema(description = "0-based")
            Integer page,

            @NotNull @Min(1) @Max(100) Integer limit) {}

    /** "a.png, b.png," → [a.png, b.png]; empty entries (and an empty string) are no keys. */
    static List<String> splitKeys(@Nullable String picKeys) {
        if (picKeys == null || picKeys.isBlank()) {
            return List.of();
        }
        return Arrays.stream(picKeys.split(","))
                .map(String::trim)
                .filter(k -> !k.isEmpty())
                .toList();
    }
}
