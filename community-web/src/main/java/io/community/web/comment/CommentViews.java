package io.community.web.comment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Response payloads of the comment endpoints. */
public final class CommentViews {
    private CommentViews() {}

    @Schema(name = "CommentData")
    @Serdeable
    public record CommentInfoView(CommentView comment) {}

    // ALWAYS: an empty list is [] on the wire, not left out
    @Schema(name = "CommentListData")
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CommentListView(List<CommentView> comments) {}

    @Schema(name = "CommentPageData")
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CommentPageView(List<CommentView> comments, long total) {}
}
