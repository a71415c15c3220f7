package io.community.web.like;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Response payloads of the like endpoints. */
public final class LikeViews {
    private LikeViews() {}

    // ALWAYS: an empty list is [] on the wire, not left out
    @Schema(name = "LikePageData")
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LikePageView(List<LikeView> likes, long total) {}
}
