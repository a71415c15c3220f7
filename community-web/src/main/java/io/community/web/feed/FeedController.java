package io.community.web.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.Post;
import io.community.web.compose.Authors;
import io.community.web.compose.Feed;
import io.community.web.envelope.Envelope;
import io.community.web.envelope.ErrorEnvelope;
import io.community.web.post.PostView;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
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

/** The caller's following feed. */
@Controller("/api/v1/feed")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "feed")
@SecurityRequirement(name = "bearerAuth")
public class FeedController {
    private final Feed feed;
    private final Authors authors;

    public FeedController(Feed feed, Authors authors) {
        this.feed = feed;
        this.authors = authors;
    }

    @Schema(name = "FeedRequest", example = "{\"page\": 0, \"limit\": 10}")
    @Serdeable
    public record FeedRequest(
            @NotNull @Min(0) Integer page,
            @NotNull @Min(1) @Max(100) Integer limit) {}

    @Schema(name = "FeedData")
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FeedView(List<PostView> posts, long total) {}

    @io.micronaut.http.annotation.Post("/list")
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
            operationId = "listFeed",
            summary = "Posts of the users the caller follows, newest first, with their authors",
            description = "Covers the 2000 most recently followed users.")
    public Envelope<FeedView> list(@Parameter(hidden = true) Actor actor, @Body @Valid FeedRequest request) {
        Page<Post> page = feed.of(actor.userId(), PageRequest.of(request.page(), request.limit()));
        return Envelope.ok(new FeedView(PostView.list(page.items(), authors), page.total()));
    }
}
