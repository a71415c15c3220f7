package io.community.web.relation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request bodies of the relation endpoints. Unknown JSON fields are ignored, never bound. */
public final class RelationRequests {
    private RelationRequests() {}

    /** Follow and unfollow. */
    @Schema(name = "FollowRequest", example = "{\"followedUid\": 2}")
    @Serdeable
    public record FollowRequest(
            @Nullable @Schema(description = "optional; must be the caller")
            Long userId,

            @NotNull @Schema(description = "the user to (un)follow")
            Long followedUid) {}

    @Schema(name = "CheckFollowingRequest", example = "{\"uids\": [2, 3]}")
    @Serdeable
    public record CheckRequest(
            @Nullable @Schema(description = "optional; must be the caller")
            Long userId,

            @NotNull @Size(min = 1, max = 100) @Schema(description = "1 to 100 user ids")
            List<@NotNull Long> uids) {}
}
