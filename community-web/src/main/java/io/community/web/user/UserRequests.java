package io.community.web.user;

import io.community.user.api.ProfileChanges;
import io.community.user.api.UserQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request bodies of the user endpoints. Unknown JSON fields are ignored, never bound. */
public final class UserRequests {
    private UserRequests() {}

    @Schema(name = "SendEmailCodeRequest", example = "{\"email\": \"alice@example.com\"}")
    @Serdeable
    public record SendEmailCodeRequest(
            @NotBlank @Email @Size(max = 254) String email) {}

    @Schema(
            name = "RegisterRequest",
            example =
                    "{\"email\": \"alice@example.com\", \"emailCode\": \"123456\", \"password\": \"correct horse battery\"}")
    @Serdeable
    public record RegisterRequest(
            @NotBlank @Email @Size(max = 254) String email,

            @NotBlank @Pattern(regexp = "\\d{6}", message = "must be 6 digits")
            String emailCode,

            @NotNull @Size(min = 8, max = 72) @Schema(description = "8 to 72 bytes in UTF-8")
            String password) {}

    @Schema(
            name = "LoginRequest",
            example = "{\"email\": \"alice@example.com\", \"password\": \"correct horse battery\"}")
    @Serdeable
    public record LoginRequest(
            @NotBlank String email, @NotBlank String password) {
        @Override
        public String toString() {
            return "LoginRequest{email=" + email + "}";
        }
    }

    @Schema(name = "LogoutRequest")
    @Serdeable
    public record LogoutRequest(
            @Nullable @Schema(description = "optional; must be the caller")
            Long id,

            @Nullable @Schema(description = "optional; must be the presented token")
            String token) {}

    @Schema(
            name = "UpdateUserRequest",
            example = "{\"nickName\": \"alice\", \"gender\": 2, \"age\": 30, \"birthday\": \"1995-04-01\"}")
    @Serdeable
    public record UpdateUserRequest(
            @Nullable @Size(max = 50) String name,
            @Nullable @Size(max = 50) String nickName,
            @Nullable @Size(max = 30) String phone,
            @Nullable @Size(max = 255) String avatar,

            @Nullable @Min(0) @Max(2) @Schema(description = "0 unknown, 1 male, 2 female")
            Integer gender,

            @Nullable @Min(0) @Max(150) Integer age,

            @Nullable @Pattern(regexp = "|\\d{4}-\\d{2}-\\d{2}", message = "must be a date as yyyy-MM-dd")
            String birthday) {

        public ProfileChanges toChanges() {
            return new ProfileChanges(name, nickName, phone, avatar, gender, age, birthday);
        }
    }

    @Schema(
            name = "ChangePasswordRequest",
            example = "{\"oldPassword\": \"correct horse battery\", \"password\": \"a new passphrase\"}")
    @Serdeable
    public record ChangePasswordRequest(
            @NotNull String oldPassword,

            @NotNull @Size(min = 8, max = 72) @Schema(description = "8 to 72 bytes in UTF-8")
            String password) {
        @Override
        public String toString() {
            return "ChangePasswordRequest{}";
        }
    }

    @Schema(name = "ListUsersRequest", example = "{\"params\": {\"page\": 0, \"limit\": 10, \"sort\": \"-createdAt\"}}")
    @Serdeable
    public record ListUsersRequest(@NotNull @Valid Params params) {

        public UserQuery toQuery() {
            List<UserQuery.Column> columns = params.columns() == null
                    ? List.of()
                    : params.columns().stream()
                            .map(c -> new UserQuery.Column(c.name(), c.exp(), c.value(), c.logic()))
                            .toList();
            return new UserQuery(params.page(), params.limit(), params.sort(), columns);
        }
    }

    @Schema(name = "UserListParams")
    @Serdeable
    public record Params(
            @NotNull @Min(0) @Schema(description = "0-based")
            Integer page,

            @NotNull @Min(1) @Max(100) Integer limit,

            @Nullable
            @Schema(
                    description = "a column name from the allow-list; prefix '-' for descending",
                    example = "-createdAt")
            String sort,

            @Nullable @Size(max = 20) List<@Valid Column> columns) {}

    @Schema(name = "UserListColumn")
    @Serdeable
    public record Column(
            @NotBlank
            @Schema(
                    description = "id, name, nickName, email, phone, gender, age, status, role, "
                            + "loginAt, createdAt, updatedAt (snake_case accepted)")
            String name,

            @Nullable @Schema(description = "=, !=, >, >=, <, <=, like (or eq, neq, gt, gte, lt, lte); default =")
            String exp,

            @Nullable @Size(max = 255) String value,

            @Nullable @Schema(description = "joins this filter to the next: and (default) or or")
            String logic) {}
}
