package io.community.web.collect;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.Collect;
import io.community.creation.api.CollectUseCases;
import io.community.web.auth.CallerClaims;
import io.community.web.envelope.Envelope;
import io.community.web.envelope.ErrorEnvelope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.List;
import java.util.Map;

/** Collects (bookmarks of posts). A user's collects are private to them (and admins). */
@Controller("/api/v1/collect")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "collect")
@SecurityRequirement(name = "bearerAuth")
public class CollectController {
    private final CollectUseCases collects;

    public CollectController(CollectUseCases collects) {
        this.collects = collects;
    }

    @Post
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
            description = "userId is given and is not the caller (10008), or the post is the caller's own (20101)",
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
            operationId = "collectPost",
            summary = "Collect a post",
            description = "Idempotent, also under concurrency: collectCount rises once. Not one's own post (20101).")
    public Envelope<Map<String, Object>> collect(
            @Parameter(hidden = true) Actor actor, @Body @Valid CollectRequest request) {
        CallerClaims.requireCaller(actor, request.userId());
        collects.collect(actor, request.postId());
        return Envelope.ok();
    }

    @Post("/delete")
    @ApiResponse(
            responseCode = "400",
            description =
                    "invalid parameters (10001; data.errors names each rejected field; also a postId that is not the collect's post)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "401",
            description = "no bearer token (20615), or a malformed, expired or revoked one (20612)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "403",
            description = "not the collect's owner (10008)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "404",
            description = "no such collect (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "deleteCollect",
            summary = "Remove a collect (its owner only)",
            description = "Idempotent. The collect's own post's collectCount drops; postId, when given, must be that "
                    + "post (400). Collecting the post again later works.")
    public Envelope<Map<String, Object>> delete(
            @Parameter(hidden = true) Actor actor, @Body @Valid DeleteCollectRequest request) {
        collects.uncollect(actor, request.id(), request.postId());
        return Envelope.ok();
    }

    @Post("/list")
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
            description = "not the user themself or an admin (10008)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "listCollects",
            summary = "A user's collects, newest first",
            description = "Only the user themself or an admin (403 otherwise). Collects of deleted posts are left out "
                    + "and not counted.")
    public Envelope<CollectPageView> list(
            @Parameter(hidden = true) Actor actor, @Body @Valid ListCollectsRequest request) {
        Page<Collect> page = collects.list(actor, request.userId(), PageRequest.of(request.page(), request.limit()));
        return Envelope.ok(
                new CollectPageView(page.items().stream().map(CollectView::of).toList(), page.total()));
    }

    @Schema(name = "CollectRequest", example = "{\"postId\": 1}")
    @Serdeable
    public record CollectRequest(
            @Nullable @Schema(description = "optional; must be the caller")
            Long userId,

            @NotNull Long postId) {}

    @Schema(name = "DeleteCollectRequest", example = "{\"id\": 1}")
    @Serdeable
    public record DeleteCollectRequest(
            @NotNull @Schema(description = "the collect's id")
            Long id,

            @Nullable @Schema(description = "optional; must be the collect's post")
            Long postId) {}

    @Schema(name = "ListCollectsRequest", example = "{\"userId\": 1, \"page\": 0, \"limit\": 10}")
    @Serdeable
    public record ListCollectsRequest(
            @NotNull Long userId,

            @NotNull @Min(0) @Schema(description = "0-based")
            Integer page,

            @NotNull @Min(1) @Max(100) Integer limit) {}

    /** CollectInfo of the REST contract (OpenAPI document); times as Unix seconds. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "CollectInfo")
    public record CollectView(long id, long userId, long postId, long createdAt, long updatedAt) {

        static CollectView of(Collect c) {
            return new CollectView(
                    c.id(),
                    c.userId(),
                    c.postId(),
                    c.createdAt().getEpochSecond(),
                    c.updatedAt().getEpochSecond());
        }
    }

    @Schema(name = "CollectPageData")
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CollectPageView(List<CollectView> collects, long total) {}
}
