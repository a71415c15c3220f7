package io.community.web.post;

import io.community.common.error.DomainException;
import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.DelFlag;
import io.community.creation.api.PostUseCases;
import io.community.web.auth.CallerClaims;
import io.community.web.compose.Authors;
import io.community.web.envelope.Envelope;
import io.community.web.envelope.ErrorEnvelope;
import io.community.web.post.PostRequests.CreatePostRequest;
import io.community.web.post.PostRequests.DeletePostRequest;
import io.community.web.post.PostRequests.IdRequest;
import io.community.web.post.PostRequests.IdsRequest;
import io.community.web.post.PostRequests.PageBody;
import io.community.web.post.PostRequests.UpdatePostRequest;
import io.community.web.post.PostRequests.UserPostsRequest;
import io.community.web.post.PostViews.PostInfoView;
import io.community.web.post.PostViews.PostListView;
import io.community.web.post.PostViews.PostPageView;
import io.micrometer.core.annotation.Counted;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.Map;

/**
 * Posts. The author is always the token's subject; deleted posts are never returned (404 or left
 * out). Every post carries its {@code author}, looked up once per page.
 */
@Controller("/api/v1/post")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "post")
@SecurityRequirement(name = "bearerAuth")
public class PostController {
    private final PostUseCases posts;
    private final Authors authors;

    public PostController(PostUseCases posts, Authors authors) {
        this.posts = posts;
        this.authors = authors;
    }

    @Post
    @Counted(value = "community.posts", description = "Posts created, by result")
    @ApiResponse(
            responseCode = "400",
            description =
                    "invalid parameters (10001; data.errors names each rejected field); no text, pictures or video (20411); pictures and a video together (20412); an incomplete video (20413)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "401",
            description = "no bearer token (20615), or a malformed, expired or revoked one (20612)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "403",
            description = "userId is given and is not the caller (10008)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "createPost",
            summary = "Create a post",
            description = "The type follows the content: a video makes a video post (3), pictures an image post (2), "
                    + "text alone a text post (1).")
    public Envelope<PostInfoView> create(
            @Parameter(hidden = true) Actor actor, @Body @Valid CreatePostRequest request) {
        CallerClaims.requireCaller(actor, request.userId());
        io.community.creation.api.Post post = posts.create(actor, request.toDraft());
        return Envelope.ok(new PostInfoView(PostView.of(post, authors.of(post.userId()))));
    }

    @Put("/update")
    @ApiResponse(
            responseCode = "400",
            description =
                    "invalid parameters (10001; data.errors names each rejected field); no text, pictures or video (20411); pictures and a video together (20412); an incomplete video (20413)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "401",
            description = "no bearer token (20615), or a malformed, expired or revoked one (20612)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "403",
            description = "not the post's author (10008)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "404",
            description = "no such post, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "updatePost",
            summary = "Edit a post (author only)",
            description = "Replaces title and content; the type follows the new content (a video post edited to "
                    + "text becomes a text post).")
    public Envelope<Map<String, Object>> update(
            @Parameter(hidden = true) Actor actor, @Body @Valid UpdatePostRequest request) {
        posts.update(actor, request.id(), request.toDraft());
        return Envelope.ok();
    }

    @Post("/delete")
    @ApiResponse(
            responseCode = "400",
            description =
                    "invalid parameters (10001; data.errors names each rejected field; e.g. a delFlag other than 1 or 2)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "401",
            description = "no bearer token (20615), or a malformed, expired or revoked one (20612)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "403",
            description =
                    "userId is given and is not the caller; delFlag 1 and not the author; delFlag 2 and not an admin (10008)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "404",
            description = "no such post, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "deletePost",
            summary = "Delete a post",
            description = "delFlag 1: the author deletes; 2: an admin deletes. The post leaves every list, its "
                    + "comments and likes go with it and collects of it are hidden.")
    public Envelope<Map<String, Object>> delete(
            @Parameter(hidden = true) Actor actor, @Body @Valid DeletePostRequest request) {
        DelFlag flag = DelFlag.fromCode(request.delFlag())
                .filter(f -> f != DelFlag.NONE)
                .orElseThrow(
                        () -> DomainException.invalidField("delFlag", "must be 1 (by the owner) or 2 (by an admin)"));
        CallerClaims.requireCaller(actor, request.userId());
        posts.delete(actor, request.id(), flag);
        return Envelope.ok();
    }

    @Get("/{id}")
    @ApiResponse(
            responseCode = "400",
            description = "invalid parameters (10001; data.errors names each rejected field)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "401",
            description = "no bearer token (20615), or a malformed, expired or revoked one (20612)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "404",
            description = "no such post, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(operationId = "getPost", summary = "Get a post")
    public Envelope<PostInfoView> get(@Parameter(hidden = true) Actor actor, @PathVariable long id) {
        io.community.creation.api.Post post = posts.get(id);
        return Envelope.ok(new PostInfoView(PostView.of(post, authors.of(post.userId()))));
    }

    @Post("/list/ids")
    @ApiResponse(
            responseCode = "400",
            description = "invalid parameters (10001; data.errors names each rejected field)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "401",
            description = "no bearer token (20615), or a malformed, expired or revoked one (20612)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "listPostsByIds",
            summary = "Posts by id",
            description = "1 to 100 ids; in input order, absent and deleted posts left out.")
    public Envelope<PostListView> byIds(@Parameter(hidden = true) Actor actor, @Body @Valid IdsRequest request) {
        return Envelope.ok(new PostListView(PostView.list(posts.getByIds(request.ids()), authors)));
    }

    @Post("/user/list")
    @ApiResponse(
            responseCode = "400",
            description = "invalid parameters (10001; data.errors names each rejected field)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "401",
            description = "no bearer token (20615), or a malformed, expired or revoked one (20612)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(operationId = "listUserPosts", summary = "A user's posts, newest first")
    public Envelope<PostPageView> byUser(@Parameter(hidden = true) Actor actor, @Body @Valid UserPostsRequest request) {
        return page(posts.listByUser(request.userId(), PageRequest.of(request.page(), request.limit())));
    }

    @Post("/latest/list")
    @ApiResponse(
            responseCode = "400",
            description = "invalid parameters (10001; data.errors names each rejected field)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "401",
            description = "no bearer token (20615), or a malformed, expired or revoked one (20612)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(operationId = "listLatestPosts", summary = "All posts, newest first")
    public Envelope<PostPageView> latest(@Parameter(hidden = true) Actor actor, @Body @Valid PageBody request) {
        return page(posts.latest(PageRequest.of(request.page(), request.limit())));
    }

    @Post("/hot/list")
    @ApiResponse(
            responseCode = "400",
            description = "invalid parameters (10001; data.errors names each rejected field)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "401",
            description = "no bearer token (20615), or a malformed, expired or revoked one (20612)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "listHotPosts",
            summary = "All posts by hot score",
            description = "hot = log10(1 + 3·likes + 5·comments + 4·collects + 6·shares + 0.1·views) + "
                    + "createdAt/45000: each tenfold of engagement is worth 12.5 hours of recency.")
    public Envelope<PostPageView> hot(@Parameter(hidden = true) Actor actor, @Body @Valid PageBody request) {
        return page(posts.hot(PageRequest.of(request.page(), request.limit())));
    }

    @Post("/view")
    @ApiResponse(
            responseCode = "400",
            description = "invalid parameters (10001; data.errors names each rejected field)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "401",
            description = "no bearer token (20615), or a malformed, expired or revoked one (20612)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "404",
            description = "no such post, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(operationId = "viewPost", summary = "Count a view", description = "viewCount + 1.")
    public Envelope<Map<String, Object>> view(@Parameter(hidden = true) Actor actor, @Body @Valid IdRequest request) {
        posts.view(request.id());
        return Envelope.ok();
    }

    @Post("/share")
    @ApiResponse(
            responseCode = "400",
            description = "invalid parameters (10001; data.errors names each rejected field)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "401",
            description = "no bearer token (20615), or a malformed, expired or revoked one (20612)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "404",
            description = "no such post, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(operationId = "sharePost", summary = "Count a share", description = "shareCount + 1.")
    public Envelope<Map<String, Object>> share(@Parameter(hidden = true) Actor actor, @Body @Valid IdRequest request) {
        posts.share(request.id());
        return Envelope.ok();
    }

    private Envelope<PostPageView> page(Page<io.community.creation.api.Post> page) {
        return Envelope.ok(new PostPageView(PostView.list(page.items(), authors), page.total()));
    }
}
