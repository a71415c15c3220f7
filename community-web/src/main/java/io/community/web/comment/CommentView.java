package io.community.web.comment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.community.common.identity.Actor;
import io.community.creation.api.Comment;
import io.community.web.compose.AuthorView;
import io.community.web.compose.Authors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** CommentInfo of the REST contract (OpenAPI document): a comment on the wire, with its author; times as Unix seconds. */
// ALWAYS: serde leaves out empty strings otherwise (a comment without deviceType would lack the field)
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "CommentInfo")
public record CommentView(
        long id,
        long postId,
        long userId,
        String content,

        @Schema(description = "0 for a top-level comment, else the comment this one replies to")
        long parentId,

        long replyCount,
        long likeCount,

        @Schema(description = "hot order: log10(1 + 2·likeCount + 3·replyCount) + createdAt/45000")
        double score,

        @Schema(description = "0 for every comment a read returns (deleted comments are never returned)")
        int delFlag,

        long createdAt,
        long updatedAt,
        String deviceType,

        @Schema(
                description = "the address the comment was sent from, taken from the connection; "
                        + "shown only to the comment's author and to admins, empty for everyone else")
        String ip,

        AuthorView author) {

    /** The sender's address is personal data: only its author and admins see it. */
    public static CommentView of(Comment c, AuthorView author, Actor viewer) {
        String ip = viewer.is(c.userId()) || viewer.isAdmin() ? c.ip() : "";
        return new CommentView(
                c.id(),
                c.postId(),
                c.userId(),
                c.content(),
                c.parentId(),
                c.replyCount(),
                c.likeCount(),
                c.score(),
                c.delFlag().code(),
                seconds(c.createdAt()),
                seconds(c.updatedAt()),
                c.deviceType(),
                ip,
                author);
    }

    /** A page of comments with their authors, looked up in one batch. */
    public static List<CommentView> list(List<Comment> comments, Authors authors, Actor viewer) {
        if (comments.isEmpty()) {
            return List.of();
        }
        var byId = authors.of(comments.stream().map(Comment::userId).toList());
        return comments.stream().map(c -> of(c, byId.get(c.userId()), viewer)).toList();
    }

    static long seconds(@Nullable Instant instant) {
        return instant == null ? 0 : instant.getEpochSecond();
    }
}
