package io.community.web.like;

import io.community.common.error.DomainException;
import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.Like;
import io.community.creation.api.LikeTarget;
import io.community.creation.api.LikeUseCases;
import io.community.web.auth.CallerClaims;
import io.community.web.envelope.Envelope;
import io.community.web.envelope.ErrorEnvelope;
import io.community.web.like.LikeRequests.CommentLikesRequest;
import io.community.web.like.LikeRequests.LikeRequest;
import io.community.web.like.LikeRequests.PostLikesRequest;
import io.community.web.like.LikeViews.LikePageView;
import io.micrometer.core.annotation.Counted;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
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

/** Likes on posts and comments, by the token's subject. Like and unlike are idempotent. */
@Controller("/api/v1/like")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "like")
@SecurityRequirement(name = "bearerAuth")
public class LikeController {
    private final LikeUseCases likes;

    public LikeController(LikeUseCases likes) {
        this.likes = likes;
    }

    @Post
    @Counted(value = "community.likes", description = "Likes given, by result")
    @ApiResponse(
            responseCode = "400",
            description =
                    "invalid parameters (10001; data.errors names each rejected field; e.g. an objType other than 1 or 2)",
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
            description = "no such post or comment, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "like",
            summary = "Like a post or a comment",
            description = "Idempotent, also under concurrency: the target's likeCount goes up once. Liking again "
                    + "after an unlike works. The target must be live.")
    public Envelope<Map<String, Object>> like(@Parameter(hidden = true) Actor actor, @Body @Valid LikeRequest request) {
        LikeTarget target = target(request.objType());
        CallerClaims.requireCaller(actor, request.userId());
        likes.like(actor, target, request.objId());
        return Envelope.ok();
    }

    @Post("/delete")
    @ApiResponse(
            responseCode = "400",
            description =
                    "invalid parameters (10001; data.errors names each rejected field; e.g. an objType other than 1 or 2)",
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
            operationId = "unlike",
            summary = "Withdraw a like",
            description = "Idempotent: without a standing like nothing changes; likeCount never drops below 0. "
                    + "The target must be live.")
    public Envelope<Map<String, Object>> unlike(
            @Parameter(hidden = true) Actor actor, @Body @Valid LikeRequest request) {
        LikeTarget target = target(request.objType());
        CallerClaims.requireCaller(actor, request.userId());
        likes.unlike(actor, target, request.objId());
        return Envelope.ok();
    }

    @Post("/post/list")
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
            operationId = "listPostLikes",
            summary = "Likes of a post, newest first",
            description = "Standing likes only.")
    public Envelope<LikePageView> forPost(
            @Parameter(hidden = true) Actor actor, @Body @Valid PostLikesRequest request) {
        return page(likes.listForPost(request.postId(), PageRequest.of(request.page(), request.limit())));
    }

    @Post("/comment/list")
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
    @Operation(
            operationId = "listCommentLikes",
            summary = "Likes of a comment, newest first",
            description = "Standing likes only.")
    public Envelope<LikePageView> forComment(
            @Parameter(hidden = true) Actor actor, @Body @Valid CommentLikesRequest request) {
        return page(likes.listForComment(request.commentId(), PageRequest.of(request.page(), request.limit())));
    }

    private static LikeTarget target(int objType) {
        return LikeTarget.fromCode(objType)
                .orElseThrow(() -> DomainException.invalidField("objType", "must be 1 (post) or 2 (comment)"));
    }

    private static Envelope<LikePageView> page(Page<Like> page) {
        return Envelope.ok(
                new LikePageView(page.items().stream().map(LikeView::of).toList(), page.total()));
    }
}
