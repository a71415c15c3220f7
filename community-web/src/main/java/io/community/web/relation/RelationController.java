package io.community.web.relation;

import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.relation.api.RelationCount;
import io.community.relation.api.RelationUseCases;
import io.community.web.auth.CallerClaims;
import io.community.web.envelope.Envelope;
import io.community.web.envelope.ErrorEnvelope;
import io.community.web.relation.RelationRequests.CheckRequest;
import io.community.web.relation.RelationRequests.FollowRequest;
import io.community.web.relation.RelationViews.CheckView;
import io.community.web.relation.RelationViews.CountView;
import io.community.web.relation.RelationViews.FollowerListView;
import io.community.web.relation.RelationViews.FollowingListView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Follows, lists, batch check and counts. The caller is always the token's subject; the optional
 * {@code userId} body fields only have to agree with it ({@link CallerClaims}).
 *
 * <p>Query values are declared nullable and validated as {@code @NotNull}, so a missing one is a
 * 400 with a field error like any other invalid input (a non-nullable parameter would be
 * rejected by the router before validation, without naming the field).
 */
@Controller("/api/v1/relation")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "relation")
@SecurityRequirement(name = "bearerAuth")
public class RelationController {
    private final RelationUseCases relations;

    public RelationController(RelationUseCases relations) {
        this.relations = relations;
    }

    @Post("/follow")
    @ApiResponse(
            responseCode = "400",
            description =
                    "invalid parameters (10001; data.errors names each rejected field), or following yourself (20506)",
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
            description = "no such user, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "follow",
            summary = "Follow a user",
            description = "Idempotent, also under concurrent requests: following twice leaves one follow, counted "
                    + "once. Following again after an unfollow works. 404 (10004) for an unknown or deleted user, "
                    + "400 (20506) for yourself.")
    public Envelope<Map<String, Object>> follow(
            @Parameter(hidden = true) Actor actor, @Body @Valid FollowRequest request) {
        CallerClaims.requireCaller(actor, request.userId());
        relations.follow(actor, request.followedUid());
        return Envelope.ok();
    }

    @Post("/unfollow")
    @ApiResponse(
            responseCode = "400",
            description =
                    "invalid parameters (10001; data.errors names each rejected field), or unfollowing yourself (20506)",
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
            operationId = "unfollow",
            summary = "Unfollow a user",
            description = "Idempotent: unfollowing someone you do not follow changes nothing and succeeds. "
                    + "Counters never go below 0. Works for users deleted since. 400 (20506) for yourself.")
    public Envelope<Map<String, Object>> unfollow(
            @Parameter(hidden = true) Actor actor, @Body @Valid FollowRequest request) {
        CallerClaims.requireCaller(actor, request.userId());
        relations.unfollow(actor, request.followedUid());
        return Envelope.ok();
    }

    @Get("/following/list")
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
            description = "no such user, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "listFollowing",
            summary = "Whom a user follows",
            description = "Newest follow first. 404 (10004) for an unknown user.")
    public Envelope<FollowingListView> following(
            @QueryValue
                    @Nullable
                    @NotNull
                    @Parameter(description = "the user whose follows are listed", required = true)
                    Long userId,
            @QueryValue @Nullable @NotNull @Min(0) @Parameter(description = "0-based", required = true) Integer page,
            @QueryValue @Nullable @NotNull @Min(1) @Max(100) @Parameter(description = "1 to 100", required = true)
                    Integer limit) {
        Page<Long> result = relations.following(userId, new PageRequest(page, limit));
        return Envelope.ok(new FollowingListView(result.items(), result.total()));
    }

    @Get("/follower/list")
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
            description = "no such user, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "listFollowers",
            summary = "Who follows a user",
            description = "Newest follow first. 404 (10004) for an unknown user.")
    public Envelope<FollowerListView> followers(
            @QueryValue
                    @Nullable
                    @NotNull
                    @Parameter(description = "the user whose followers are listed", required = true)
                    Long userId,
            @QueryValue @Nullable @NotNull @Min(0) @Parameter(description = "0-based", required = true) Integer page,
            @QueryValue @Nullable @NotNull @Min(1) @Max(100) @Parameter(description = "1 to 100", required = true)
                    Integer limit) {
        Page<Long> result = relations.followers(userId, new PageRequest(page, limit));
        return Envelope.ok(new FollowerListView(result.items(), result.total()));
    }

    @Post("/check/list")
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
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "checkFollowing",
            summary = "Whether the caller follows each of up to 100 users",
            description = "`result` maps every requested id (as a string) to 1 or 0, in the order given; "
                    + "unknown ids are 0.")
    public Envelope<CheckView> check(@Parameter(hidden = true) Actor actor, @Body @Valid CheckRequest request) {
        CallerClaims.requireCaller(actor, request.userId());
        Map<String, Integer> result = new LinkedHashMap<>();
        relations
                .check(actor, request.uids())
                .forEach((uid, follows) -> result.put(String.valueOf(uid), follows ? 1 : 0));
        return Envelope.ok(new CheckView(result));
    }

    @Get("/count")
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
            description = "no such user, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "countRelations",
            summary = "How many users a user follows and is followed by",
            description = "404 (10004) for an unknown user.")
    public Envelope<CountView> count(
            @QueryValue @Nullable @NotNull @Parameter(description = "the user whose counts are shown", required = true)
                    Long userId) {
        RelationCount count = relations.count(userId);
        return Envelope.ok(new CountView(count.followingNum(), count.followerNum()));
    }
}
