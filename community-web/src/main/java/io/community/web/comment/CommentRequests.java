package io.community.web.comment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Request bodies of the comment endpoints. Unknown JSON fields are ignored; server-owned fields
 * (ip, counters, score, delFlag on create, the author) have no place here, so they are never
 * bound. Text lengths are checked by the service in characters (code points).
 */
public final class CommentRequests {
    private CommentRequests() {}

    private static final String CONTENT = "1 to 2000 characters, not blank";
    private static final String DEVICE_TYPE = "optional, up to 50 characters, e.g. ios, android, web";

    @Schema(
            name = "CreateCommentRequest",
            example = "{\"postId\": 1, \"content\": \"Nice post!\", \"deviceType\": \"web\"}")
    @Serdeable
    public record CreateCommentRequest(
            @NotNull Long postId,

            @Nullable @Schema(description = "optional; must be the caller")
            Long userId,

            @Nullable @Schema(description = CONTENT, maxLength = 2000)
            String content,

            @Nullable @Schema(description = DEVICE_TYPE, maxLength = 50)
            String deviceType) {}

    @Schema(name = "ReplyRequest", example = "{\"commentId\": 1, \"content\": \"Thanks!\", \"deviceType\": \"web\"}")
    @Serdeable
    public record ReplyRequest(
            @NotNull @Schema(description = "the top-level comment replied to")
            Long commentId,

            @Nullable @Schema(description = "optional; must be the caller")
            Long userId,

            @Nullable @Schema(description = CONTENT, maxLength = 2000)
            String content,

            @Nullable @Schema(description = DEVICE_TYPE, maxLength = 50)
            String deviceType) {}

    @Schema(name = "DeleteCommentRequest", example = "{\"id\": 1, \"delFlag\": 1}")
    @Serdeable
    public record DeleteCommentRequest(
            @NotNull Long id,

            @Nullable @Schema(description = "optional; must be the caller")
            Long userId,

            @NotNull @Schema(description = "1 deleted by the author, 2 deleted by an admin")
            Integer delFlag) {}

    @Schema(name = "UpdateCommentRequest", example = "{\"id\": 1, \"content\": \"Edited comment\"}")
    @Serdeable
    public record UpdateCommentRequest(
            @NotNull Long id,

            @Nullable @Schema(description = CONTENT, maxLength = 2000)
            String content) {}

    @Schema(name = "CommentIdsRequest", example = "{\"ids\": [1, 2]}")
    @Serdeable
    public record IdsRequest(
            @NotNull @Size(min = 1, max = 100) List<@NotNull Long> ids) {}

    @Schema(name = "PostCommentsRequest", example = "{\"postId\": 1, \"page\": 0, \"limit\": 10}")
    @Serdeable
    public record PostCommentsRequest(
            @NotNull Long postId,

            @NotNull @Min(0) @Schema(description = "0-based")
            Integer page,

            @NotNull @Min(1) @Max(100) Integer limit) {}

    @Schema(name = "RepliesRequest", example = "{\"commentId\": 1, \"page\": 0, \"limit\": 10}")
    @Serdeable
    public record RepliesRequest(
            @NotNull Long commentId,

            @NotNull @Min(0) @Schema(description = "0-based")
            Integer page,

            @NotNull @Min(1) @Max(100) Integer limit) {}
}
