package io.community.web.like;

import io.community.creation.api.Like;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** LikeInfo of the REST contract (OpenAPI document); times as Unix seconds. */
@Serdeable
@Schema(name = "LikeInfo")
public record LikeView(
        long id,
        long userId,
        @Schema(description = "1 post, 2 comment") int objType,
        long objId,

        @Schema(description = "1: the like stands (lists show standing likes only)")
        int status,

        @Schema(description = "when the standing like was given; a like again after an unlike is new")
        long createdAt,

        long updatedAt) {

    public static LikeView of(Like like) {
        return new LikeView(
                like.id(),
                like.userId(),
                like.objType().code(),
                like.objId(),
                like.status(),
                seconds(like.createdAt()),
                seconds(like.updatedAt()));
    }

    static long seconds(@Nullable Instant instant) {
        return instant == null ? 0 : instant.getEpochSecond();
    }
}
