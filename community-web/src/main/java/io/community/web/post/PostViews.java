package io.community.web.post;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Response payloads of the post endpoints. */
public final class PostViews {
    private PostViews() {}

    @Schema(name = "PostData")
    @Serdeable
    public record PostInfoView(PostView post) {}

    // ALWAYS: an empty list is [] on the wire, not left out
    @Schema(name = "PostListData")
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PostListView(List<PostView> posts) {}

    @Schema(name = "PostPageData")
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PostPageView(List<PostView> posts, long total) {}
}
