package io.community.web.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.community.user.api.User;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Response payloads of the user endpoints. */
public final class UserViews {
    private UserViews() {}

    /** A user on the wire: times as Unix seconds (0 = never); email, phone and loginIp only for self or admin. */
    @Schema(name = "UserInfo")
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UserView(
            long id,
            String name,
            String nickName,

            @Nullable @Schema(description = "only for the user themself or an admin")
            String email,

            @Nullable @Schema(description = "only for the user themself or an admin")
            String phone,

            String avatar,
            int gender,
            int age,
            String birthday,
            long loginAt,

            @Nullable @Schema(description = "only for the user themself or an admin")
            String loginIp,

            int status,
            long createdAt,
            long updatedAt) {

        public static UserView of(User u) {
            return new UserView(
                    u.id(),
                    u.name(),
                    u.nickName(),
                    u.email(),
                    u.phone(),
                    u.avatar(),
                    u.gender(),
                    u.age(),
                    u.birthday(),
                    seconds(u.loginAt()),
                    u.loginIp(),
                    u.status(),
                    seconds(u.createdAt()),
                    seconds(u.updatedAt()));
        }
    }

    @Schema(name = "IdData")
    @Serdeable
    public record IdView(long id) {}

    @Schema(name = "LoginData")
    @Serdeable
    public record LoginView(long id, String token) {}

    @Schema(name = "UserData")
    @Serdeable
    public record UserInfoView(UserView userInfo) {}

    @Schema(name = "UserListData")
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UserListView(long total, List<UserView> userInfos) {}

    static long seconds(@Nullable Instant instant) {
        return instant == null ? 0 : instant.getEpochSecond();
    }
}
