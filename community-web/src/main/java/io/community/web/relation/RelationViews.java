package io.community.web.relation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** Response payloads of the relation endpoints. */
public final class RelationViews {
    private RelationViews() {}

    // ALWAYS: serde drops empty lists otherwise, and the contract says an empty list is [].
    @Schema(name = "FollowingListData")
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FollowingListView(
            @Schema(description = "ids of the followed users, newest follow first")
            List<Long> followedUids,

            long total) {}

    @Schema(name = "FollowerListData")
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FollowerListView(
            @Schema(description = "ids of the followers, newest follow first")
            List<Long> followerUids,

            long total) {}

    @Schema(name = "CheckFollowingData")
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CheckView(
            @Schema(
                    description = "per requested id (as a string key): 1 if the caller follows that user, else 0",
                    example = "{\"12\": 1, \"34\": 0}")
            Map<String, Integer> result) {}

    @Schema(name = "RelationCountData")
    @Serdeable
    public record CountView(long followingNum, long followerNum) {}
}
