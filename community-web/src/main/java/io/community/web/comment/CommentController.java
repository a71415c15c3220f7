package io.community.web.comment;

import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.Comment;
import io.community.creation.api.CommentUseCases;
import io.community.creation.api.DelFlag;
import io.community.web.auth.CallerClaims;
import io.community.web.auth.ClientAddress;
import io.community.web.comment.CommentRequests.CreateCommentRequest;
import io.community.web.comment.CommentRequests.DeleteCommentRequest;
import io.community.web.comment.CommentRequests.IdsRequest;
import io.community.web.comment.CommentRequests.PostCommentsRequest;
import io.community.web.comment.CommentRequests.RepliesRequest;
import io.community.web.comment.CommentRequests.ReplyRequest;
import io.community.web.comment.CommentRequests.UpdateCommentRequest;
import io.community.web.comment.CommentViews.CommentInfoView;
import io.community.web.comment.CommentViews.CommentListView;
import io.community.web.comment.CommentViews.CommentPageView;
import io.community.web.compose.Authors;
import io.community.web.envelope.Envelope;
import io.community.web.envelope.ErrorEnvelope;
import io.micrometer.core.annotation.Counted;
import io.micronaut.http.HttpRequest;
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
 * Comments and one level of replies. The author is always the token's subject and the address
 * the client's ({@link ClientAddress}); deleted comments, and comments of deleted posts, are never returned (404 or
 * left out). Every comment carries its {@code author}, looked up once per page.
 */
@Controller("/api/v1/comment")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "comment")
@SecurityRequirement(name = "bearerAuth")
public class CommentController {
    private final CommentUseCases comments;
    private final Authors authors;
    private final ClientAddress clientAddress;

    public CommentController(CommentUseCases comments, Authors authors, ClientAddress clientAddress) {
        this.comments = comments;
        this.authors = authors;
        this.clientAddress = clientAddress;
    }

    @Post
    @Counted(value = "community.comments", description = "Comments and replies created, by result")
    @ApiResponse(
            responseCode = "400",
            description = "invalid parameters (10001; data.errors names each rejected field)",
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
            responseCode = "404",
            description = "no such post, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "createComment",
            summary = "Comment on a post",
            description = "The post must be live; its commentCount goes up by one. The ip is the connection's.")
    public Envelope<CommentInfoView> create(
            @Parameter(hidden = true) Actor actor, @Body @Valid CreateCommentRequest request, HttpRequest<?> http) {
        CallerClaims.requireCaller(actor, request.userId());
        Comment comment = comments.create(
                actor, request.postId(), request.content(), request.deviceType(), clientAddress.of(http));
        return Envelope.ok(info(comment, actor));
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
            description = "no such comment, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "deleteComment",
            summary = "Delete a comment",
            description = "delFlag 1: the author deletes; 2: an admin deletes. A top-level comment's replies go with "
                    + "it and the post's commentCount drops by all removed; a reply's parent loses one replyCount. "
                    + "A comment already deleted answers 404.")
    public Envelope<Map<String, Object>> delete(
            @Parameter(hidden = true) Actor actor, @Body @Valid DeleteCommentRequest request) {
        // an unknown code is passed on as no flag: the use case answers 400 for it as for 0
        CallerClaims.requireCaller(actor, request.userId());
        comments.delete(actor, request.id(), DelFlag.fromCode(request.delFlag()).orElse(null));
        return Envelope.ok();
    }

    @Put("/update")
    @ApiResponse(
            responseCode = "400",
            description = "invalid parameters (10001; data.errors names each rejected field)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "401",
            description = "no bearer token (20615), or a malformed, expired or revoked one (20612)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "403",
            description = "not the comment's author (10008)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "404",
            description = "no such comment, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(operationId = "updateComment", summary = "Edit a comment (author only)")
    public Envelope<Map<String, Object>> update(
            @Parameter(hidden = true) Actor actor, @Body @Valid UpdateCommentRequest request) {
        comments.update(actor, request.id(), request.content());
        return Envelope.ok();
    }

    @Post("/reply")
    @Counted(value = "community.comments", description = "Comments and replies created, by result")
    @ApiResponse(
            responseCode = "400",
            description =
                    "invalid parameters (10001; data.errors names each rejected field), or a reply to a reply (20210)",
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
            responseCode = "404",
            description = "no such comment, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "replyToComment",
            summary = "Reply to a comment",
            description = "Only to a top-level comment (20210 for a reply's reply). The parent's replyCount and the "
                    + "post's commentCount go up by one. The ip is the connection's.")
    public Envelope<CommentInfoView> reply(
            @Parameter(hidden = true) Actor actor, @Body @Valid ReplyRequest request, HttpRequest<?> http) {
        CallerClaims.requireCaller(actor, request.userId());
        Comment comment = comments.reply(
                actor, request.commentId(), request.content(), request.deviceType(), clientAddress.of(http));
        return Envelope.ok(info(comment, actor));
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
            description = "no such comment, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(operationId = "getComment", summary = "Get a comment")
    public Envelope<CommentInfoView> get(@Parameter(hidden = true) Actor actor, @PathVariable long id) {
        return Envelope.ok(info(comments.get(id), actor));
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
            operationId = "listCommentsByIds",
            summary = "Comments by id",
            description = "1 to 100 ids; in input order, each once; absent, deleted and hidden comments left out.")
    public Envelope<CommentListView> byIds(@Parameter(hidden = true) Actor actor, @Body @Valid IdsRequest request) {
        return Envelope.ok(new CommentListView(CommentView.list(comments.getByIds(request.ids()), authors, actor)));
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
            responseCode = "404",
            description = "no such post, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(operationId = "listLatestComments", summary = "A post's top-level comments, newest first")
    public Envelope<CommentPageView> latest(
            @Parameter(hidden = true) Actor actor, @Body @Valid PostCommentsRequest request) {
        return page(comments.latest(request.postId(), PageRequest.of(request.page(), request.limit())), actor);
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
            responseCode = "404",
            description = "no such post, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "listHotComments",
            summary = "A post's top-level comments by score",
            description = "score = log10(1 + 2·likeCount + 3·replyCount) + createdAt/45000: each tenfold of "
                    + "engagement is worth 12.5 hours of recency.")
    public Envelope<CommentPageView> hot(
            @Parameter(hidden = true) Actor actor, @Body @Valid PostCommentsRequest request) {
        return page(comments.hot(request.postId(), PageRequest.of(request.page(), request.limit())), actor);
    }

    @Post("/reply/list")
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
            description = "no such comment, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(operationId = "listReplies", summary = "A comment's replies, oldest first")
    public Envelope<CommentPageView> replies(
            @Parameter(hidden = true) Actor actor, @Body @Valid RepliesRequest request) {
        return page(comments.replies(request.commentId(), PageRequest.of(request.page(), request.limit())), actor);
    }

    private CommentInfoView info(Comment comment, Actor viewer) {
        return new CommentInfoView(CommentView.of(comment, authors.of(comment.userId()), viewer));
    }

    private Envelope<CommentPageView> page(Page<Comment> page, Actor viewer) {
        return Envelope.ok(new CommentPageView(CommentView.list(page.items(), authors, viewer), page.total()));
    }
}
