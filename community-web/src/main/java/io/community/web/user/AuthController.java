package io.community.web.user;

import io.community.common.identity.Actor;
import io.community.user.api.LoginResult;
import io.community.user.api.UserUseCases;
import io.community.web.auth.AuthFilter;
import io.community.web.auth.CallerClaims;
import io.community.web.auth.ClientAddress;
import io.community.web.envelope.Envelope;
import io.community.web.envelope.ErrorEnvelope;
import io.community.web.user.UserRequests.LoginRequest;
import io.community.web.user.UserRequests.LogoutRequest;
import io.community.web.user.UserRequests.RegisterRequest;
import io.community.web.user.UserRequests.SendEmailCodeRequest;
import io.community.web.user.UserViews.IdView;
import io.community.web.user.UserViews.LoginView;
import io.micrometer.core.annotation.Counted;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.Map;

/** Sign-up and sessions. Only translates: the user context decides. */
@Controller("/api/v1/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "user")
public class AuthController {
    private final UserUseCases users;
    private final ClientAddress clientAddress;

    public AuthController(UserUseCases users, ClientAddress clientAddress) {
        this.users = users;
        this.clientAddress = clientAddress;
    }

    @Post("/email")
    @ApiResponse(
            responseCode = "400",
            description = "invalid parameters (10001; data.errors names each rejected field)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "409",
            description = "the email is already registered (10005)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "429",
            description =
                    "a code was sent to this email less than 60 s ago, or the client address had its codes for today (10007); Retry-After says when",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "codes cannot be stored or the mail cannot be sent right now (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "sendEmailCode",
            summary = "Send a registration code",
            description = "Mails a 6-digit code valid for 10 minutes. 409 (10005) if the email is registered; "
                    + "429 (10007) if a code was sent to it less than 60 s ago or the client address had its daily "
                    + "number of codes; 503 (10013) with Retry-After while codes cannot be stored.")
    public Envelope<Map<String, Object>> sendEmailCode(@Body @Valid SendEmailCodeRequest request, HttpRequest<?> http) {
        users.sendEmailCode(request.email(), clientAddress.of(http));
        return Envelope.ok();
    }

    @Post("/register")
    @Counted(value = "community.registrations", description = "Registrations by result")
    @ApiResponse(
            responseCode = "400",
            description =
                    "invalid parameters (10001; data.errors names each rejected field), or the code is wrong, expired or used up (20610)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "409",
            description = "the email is already registered (10005)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "register",
            summary = "Register with the mailed code",
            description = "The code is single-use and void after 5 wrong tries (400, 20610). 409 (10005) if the "
                    + "email is registered. Password: 8 to 72 bytes.")
    public Envelope<IdView> register(@Body @Valid RegisterRequest request) {
        return Envelope.ok(new IdView(users.register(request.email(), request.emailCode(), request.password())));
    }

    @Post("/login")
    @Counted(value = "community.logins", description = "Logins by result (failure: refused or throttled)")
    @ApiResponse(
            responseCode = "400",
            description = "invalid parameters (10001; data.errors names each rejected field)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "401",
            description = "unknown email or wrong password (20611)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "429",
            description =
                    "too many failed logins for this email and client address, or from this address (10007); Retry-After says when",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "login",
            summary = "Log in: opens a new session",
            description = "Unknown email and wrong password both answer 401 (20611). The login IP is the connection's, "
                    + "or X-Forwarded-For's when the connection is from a configured trusted proxy.")
    public Envelope<LoginView> login(@Body @Valid LoginRequest request, HttpRequest<?> http) {
        LoginResult result = users.login(request.email(), request.password(), clientAddress.of(http));
        return Envelope.ok(new LoginView(result.id(), result.token()));
    }

    @Post("/logout")
    @SecurityRequirement(name = "bearerAuth")
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
            description = "id is given and is not the caller, or token is given and is not the presented token (10008)",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "a dependency (database, cache, a backend service) is unavailable (10013); Retry-After says when to retry",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @Operation(
            operationId = "logout",
            summary = "Log out: revokes the presented session",
            description =
                    "`id` and `token` are optional; when given they must be the caller and the presented token (403).")
    public Envelope<Map<String, Object>> logout(
            @Parameter(hidden = true) Actor actor,
            @Parameter(hidden = true) @RequestAttribute(AuthFilter.TOKEN) String token,
            @Body
                    @Valid
                    @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(implementation = LogoutRequest.class),
                                            examples = @ExampleObject(name = "the presented session", value = "{}")))
                    LogoutRequest request) {
        CallerClaims.requireCaller(actor, request.id());
        CallerClaims.requirePresentedToken(token, request.token());
        users.logout(actor, token);
        return Envelope.ok();
    }
}
