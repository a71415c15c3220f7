package io.community.web.post;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.community.creation.api.Post;
import io.community.web.compose.AuthorView;
import io.community.web.compose.Authors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** PostInfo of the REST contract (OpenAPI document): a post on the wire, with its author; times as Unix seconds. */
// ALWAYS: serde leaves out empty strings by default, but every field of PostInfo is always there
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "PostInfo")
public record PostView(
        long id,
        @Schema(description = "1 text, 2 image, 3 video") int postType,
        long userId,
        String title,
        // no example: micronaut-openapi would parse a JSON example into an object, and this is a string
        @Schema(description = PostRequests.CONTENT_SHAPES) String content,
        long viewCount,
        long likeCount,
        long commentCount,
        long collectCount,
        long shareCount,

        @Schema(description = "0 for every post a read returns (deleted posts are never returned)")
        int delFlag,

        int visible,
        double longitude,
        double latitude,
        String position,
        long createdAt,
        long updatedAt,
        AuthorView author) {

    public static PostView of(Post p, AuthorView author) {
        return new PostView(
                p.id(),
                p.postType().code(),
                p.userId(),
                p.title(),
                p.content(),
                p.viewCount(),
                p.likeCount(),
                p.commentCount(),
                p.collectCount(),
                p.shareCount(),
                p.delFlag().code(),
                p.visible(),
                p.longitude(),
                p.latitude(),
                p.position(),
                seconds(p.createdAt()),
                seconds(p.updatedAt()),
                author);
    }

    /** A page of posts with their authors, looked up in one batch. */
    public static List<PostView> list(List<Post> posts, Authors authors) {
        if (posts.isEmpty()) {
            return List.of();
        }
        var byId = authors.of(posts.stream().map(Post::userId).toList());
        return posts.stream().map(p -> of(p, byId.get(p.userId()))).toList();
    }

    static long seconds(@Nullable Instant instant) {
        return instant == null ? 0 : instant.getEpochSecond();
    }
}
