package io.community.web.like;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Request bodies of the like endpoints. Unknown JSON fields are ignored, never bound. */
public final class LikeRequests {
    private LikeRequests() {}

    @Schema(name = "LikeRequest", example = "{\"objType\": 1, \"objId\": 1}")
    @Serdeable
    public record LikeRequest(
            @Nullable @Schema(description = "optional; must be the caller")
            Long userId,

            @NotNull @Schema(description = "1 post, 2 comment")
            Integer objType,

            @NotNull @Schema(description = "the post's or comment's id")
            Long objId) {}

    @Schema(name = "PostLikesRequest", example = "{\"postId\": 1, \"page\": 0, \"limit\": 10}")
    @Serdeable
    public record PostLikesRequest(
            @NotNull Long postId,

            @NotNull @Min(0) @Schema(description = "0-based")
            Integer page,

            @NotNull @Min(1) @Max(100) Integer limit) {}

    @Schema(name = "CommentLikesRequest", example = "{\"commentId\": 1, \"page\": 0, \"limit\": 10}")
    @Serdeable
    public record CommentLikesRequest(
            @NotNull Long commentId,

            @NotNull @Min(0) @Schema(description = "0-based")
            Integer page,

            @NotNull @Min(1) @Max(100) Integer limit) {}
}
