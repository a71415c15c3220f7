package io.community.web.user;

import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.user.api.User;
import io.community.user.api.UserUseCases;
import io.community.web.envelope.Envelope;
import io.community.web.envelope.ErrorEnvelope;
import io.community.web.user.UserRequests.ChangePasswordRequest;
import io.community.web.user.UserRequests.ListUsersRequest;
import io.community.web.user.UserRequests.UpdateUserRequest;
import io.community.web.user.UserViews.UserInfoView;
import io.community.web.user.UserViews.UserListView;
import io.community.web.user.UserViews.UserView;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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

/** Profiles and the admin list. The caller is always the token's subject. */
@Controller("/api/v1/user")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "user")
@SecurityRequirement(name = "bearerAuth")
public class UserController {
    private final UserUseCases users;

    public UserController(UserUseCases users) {
        this.users = users;
    }

    @Delete("/{id}")
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
            responseCode = "404",
            description = "no such user, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "deleteUser",
            summary = "Delete a user (self or admin)",
            description = "Soft delete; all of the user's sessions are revoked.")
    public Envelope<Map<String, Object>> delete(@Parameter(hidden = true) Actor actor, @PathVariable long id) {
        users.delete(actor, id);
        return Envelope.ok();
    }

    @Put("/{id}")
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
            responseCode = "404",
            description = "no such user, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "updateUser",
            summary = "Update a profile (self or admin)",
            description = "Every field is optional; absent fields stay.")
    public Envelope<Map<String, Object>> update(
            @Parameter(hidden = true) Actor actor, @PathVariable long id, @Body @Valid UpdateUserRequest request) {
        users.update(actor, id, request.toChanges());
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
            description = "no such user, or deleted (10004)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "getUser",
            summary = "Get a user",
            description = "email and phone only for the user themself or an admin.")
    public Envelope<UserInfoView> get(@Parameter(hidden = true) Actor actor, @PathVariable long id) {
        return Envelope.ok(new UserInfoView(UserView.of(users.get(actor, id))));
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
            description = "the caller is not an admin (10008)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "listUsers",
            summary = "List users (admin only)",
            description = "Filter and sort columns come from an allow-list (never password); values are bound as "
                    + "SQL parameters. A column's logic joins it to the next one.")
    public Envelope<UserListView> list(@Parameter(hidden = true) Actor actor, @Body @Valid ListUsersRequest request) {
        Page<User> page = users.list(actor, request.toQuery());
        return Envelope.ok(new UserListView(
                page.total(), page.items().stream().map(UserView::of).toList()));
    }

    @Put("/password/{id}")
    @ApiResponse(
            responseCode = "400",
            description = "invalid parameters (10001; data.errors names each rejected field; also a wrong oldPassword)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "401",
            description = "no bearer token (20615), or a malformed, expired or revoked one (20612)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "403",
            description = "not the user themself (10008)",
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
            operationId = "changePassword",
            summary = "Change the password (self only)",
            description = "Needs the old password (400 if wrong); revokes every session of the user.")
    public Envelope<Map<String, Object>> changePassword(
            @Parameter(hidden = true) Actor actor, @PathVariable long id, @Body @Valid ChangePasswordRequest request) {
        users.changePassword(actor, id, request.oldPassword(), request.password());
        return Envelope.ok();
    }
}
