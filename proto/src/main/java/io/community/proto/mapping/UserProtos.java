package io.community.proto.mapping;

import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.proto.v1.AuthenticateRequest;
import io.community.proto.v1.AuthenticatedSession;
import io.community.proto.v1.ChangePasswordRequest;
import io.community.proto.v1.DeleteUserRequest;
import io.community.proto.v1.GetUserRequest;
import io.community.proto.v1.ListUsersRequest;
import io.community.proto.v1.LoginRequest;
import io.community.proto.v1.LoginResultMessage;
import io.community.proto.v1.LogoutRequest;
import io.community.proto.v1.ProfileChangesMessage;
import io.community.proto.v1.RegisterRequest;
import io.community.proto.v1.RegisterResponse;
import io.community.proto.v1.SendEmailCodeRequest;
import io.community.proto.v1.SummariesRequest;
import io.community.proto.v1.SummariesResponse;
import io.community.proto.v1.UpdateUserRequest;
import io.community.proto.v1.UserMessage;
import io.community.proto.v1.UserPage;
import io.community.proto.v1.UserQueryMessage;
import io.community.proto.v1.UserSummaryMessage;
import io.community.user.api.LoginResult;
import io.community.user.api.ProfileChanges;
import io.community.user.api.User;
import io.community.user.api.UserQuery;
import io.community.user.api.UserSummary;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.community.proto.mapping.CommonProtos.nullable;
import static io.community.proto.mapping.CommonProtos.setIfPresent;
import static io.community.proto.mapping.CommonProtos.toInstant;
import static io.community.proto.mapping.CommonProtos.toMicros;

/**
 * The user context's records and UserService's requests and responses, both ways. Request
 * builders mirror the {@code UserUseCases} signatures without the actor (it travels as the bearer
 * token in the metadata). Actor and Role: {@link CommonProtos}.
 */
public final class UserProtos {
    private UserProtos() {}

    // --- User

    public static UserMessage toProto(User user) {
        UserMessage.Builder b = UserMessage.newBuilder()
                .setId(user.id())
                .setName(user.name())
                .setNickName(user.nickName())
                .setAvatar(user.avatar())
                .setGender(user.gender())
                .setAge(user.age())
                .setBirthday(user.birthday())
                .setStatus(user.status())
                .setRole(CommonProtos.toProto(user.role()))
                .setCreatedAtMicros(toMicros(user.createdAt()))
                .setUpdatedAtMicros(toMicros(user.updatedAt()));
        // null email/phone/loginIp = hidden from this caller; the HTTP view leaves them out, "" it would not
        setIfPresent(user.email(), b::setEmail);
        setIfPresent(user.phone(), b::setPhone);
        setIfPresent(user.loginIp(), b::setLoginIp);
        if (user.loginAt() != null) {
            b.setLoginAtMicros(toMicros(user.loginAt()));
        }
        return b.build();
    }

    public static User toUser(UserMessage m) {
        return new User(
                m.getId(),
                m.getName(),
                m.getNickName(),
                nullable(m.hasEmail(), m.getEmail()),
                nullable(m.hasPhone(), m.getPhone()),
                m.getAvatar(),
                m.getGender(),
                m.getAge(),
                m.getBirthday(),
                m.hasLoginAtMicros() ? toInstant(m.getLoginAtMicros()) : null,
                nullable(m.hasLoginIp(), m.getLoginIp()),
                m.getStatus(),
                CommonProtos.toRole(m.getRole()),
                toInstant(m.getCreatedAtMicros()),
                toInstant(m.getUpdatedAtMicros()));
    }

    public static UserPage toProtoUserPage(Page<User> page) {
        UserPage.Builder b = UserPage.newBuilder().setTotal(page.total());
        page.items().forEach(u -> b.addItems(toProto(u)));
        return b.build();
    }

    public static Page<User> toUserPage(UserPage page) {
        return new Page<>(page.getItemsList().stream().map(UserProtos::toUser).toList(), page.getTotal());
    }

    // --- UserSummary

    public static UserSummaryMessage toProto(UserSummary summary) {
        return UserSummaryMessage.newBuilder()
                .setId(summary.id())
                .setName(summary.name())
                .setNickName(summary.nickName())
                .setAvatar(summary.avatar())
                .build();
    }

    public static UserSummary toSummary(UserSummaryMessage m) {
        return new UserSummary(m.getId(), m.getName(), m.getNickName(), m.getAvatar());
    }

    public static SummariesResponse toProtoSummaries(Map<Long, UserSummary> summaries) {
        SummariesResponse.Builder b = SummariesResponse.newBuilder();
        summaries.forEach((id, summary) -> b.putSummaries(id, toProto(summary)));
        return b.build();
    }

    /** Looked up by id only, so the map's order carries no meaning. */
    public static Map<Long, UserSummary> toSummaries(SummariesResponse response) {
        Map<Long, UserSummary> summaries = new LinkedHashMap<>();
        response.getSummariesMap().forEach((id, m) -> summaries.put(id, toSummary(m)));
        return Collections.unmodifiableMap(summaries);
    }

    // --- LoginResult

    public static LoginResultMessage toProto(LoginResult result) {
        return LoginResultMessage.newBuilder()
                .setId(result.id())
                .setToken(result.token())
                .build();
    }

    public static LoginResult toLoginResult(LoginResultMessage m) {
        return new LoginResult(m.getId(), m.getToken());
    }

    // --- ProfileChanges: every field optional, null = unchanged

    public static ProfileChangesMessage toProto(ProfileChanges changes) {
        ProfileChangesMessage.Builder b = ProfileChangesMessage.newBuilder();
        setIfPresent(changes.name(), b::setName);
        setIfPresent(changes.nickName(), b::setNickName);
        setIfPresent(changes.phone(), b::setPhone);
        setIfPresent(changes.avatar(), b::setAvatar);
        setIfPresent(changes.gender(), b::setGender);
        setIfPresent(changes.age(), b::setAge);
        setIfPresent(changes.birthday(), b::setBirthday);
        return b.build();
    }

    public static ProfileChanges toChanges(ProfileChangesMessage m) {
        return new ProfileChanges(
                nullable(m.hasName(), m.getName()),
                nullable(m.hasNickName(), m.getNickName()),
                nullable(m.hasPhone(), m.getPhone()),
                nullable(m.hasAvatar(), m.getAvatar()),
                nullable(m.hasGender(), m.getGender()),
                nullable(m.hasAge(), m.getAge()),
                nullable(m.hasBirthday(), m.getBirthday()));
    }

    // --- UserQuery

    public static UserQueryMessage toProto(UserQuery query) {
        UserQueryMessage.Builder b =
                UserQueryMessage.newBuilder().setPage(query.page()).setLimit(query.limit());
        setIfPresent(query.sort(), b::setSort);
        query.columns().forEach(c -> b.addColumns(toProto(c)));
        return b.build();
    }

    /** Not validated here: the user context checks page, limit, columns and operators itself. */
    public static UserQuery toQuery(UserQueryMessage m) {
        return new UserQuery(
                m.getPage(),
                m.getLimit(),
                nullable(m.hasSort(), m.getSort()),
                m.getColumnsList().stream().map(UserProtos::toColumn).toList());
    }

    public static UserQueryMessage.Column toProto(UserQuery.Column column) {
        UserQueryMessage.Column.Builder b = UserQueryMessage.Column.newBuilder().setName(column.name());
        setIfPresent(column.exp(), b::setExp);
        setIfPresent(column.value(), b::setValue);
        setIfPresent(column.logic(), b::setLogic);
        return b.build();
    }

    public static UserQuery.Column toColumn(UserQueryMessage.Column m) {
        return new UserQuery.Column(
                m.getName(),
                nullable(m.hasExp(), m.getExp()),
                nullable(m.hasValue(), m.getValue()),
                nullable(m.hasLogic(), m.getLogic()));
    }

    // --- requests (client side; the endpoint reads them with the getters, nullable() and the
    // record decoders above) and the one primitive response

    public static SendEmailCodeRequest sendEmailCodeRequest(String email) {
        return sendEmailCodeRequest(email, null);
    }

    public static SendEmailCodeRequest sendEmailCodeRequest(String email, String clientIp) {
        SendEmailCodeRequest.Builder b = SendEmailCodeRequest.newBuilder().setEmail(email);
        setIfPresent(clientIp, b::setClientIp);
        return b.build();
    }

    public static RegisterRequest registerRequest(String email, String emailCode, String password) {
        return RegisterRequest.newBuilder()
                .setEmail(email)
                .setEmailCode(emailCode)
                .setPassword(password)
                .build();
    }

    public static RegisterResponse registerResponse(long id) {
        return RegisterResponse.newBuilder().setId(id).build();
    }

    public static LoginRequest loginRequest(String email, String password, String clientIp) {
        LoginRequest.Builder b = LoginRequest.newBuilder().setEmail(email).setPassword(password);
        setIfPresent(clientIp, b::setClientIp);
        return b.build();
    }

    public static AuthenticateRequest authenticateRequest(String token) {
        return AuthenticateRequest.newBuilder().setToken(token).build();
    }

    /** Authenticate's answer: the caller and the session (its id and end) the token names. */
    public static AuthenticatedSession authenticatedSession(Actor actor, String sessionId, Instant expiresAt) {
        return AuthenticatedSession.newBuilder()
                .setActor(CommonProtos.toProto(actor))
                .setSessionId(sessionId)
                .setExpiresAtMicros(toMicros(expiresAt))
                .build();
    }

    public static LogoutRequest logoutRequest(String presentedToken) {
        return LogoutRequest.newBuilder().setPresentedToken(presentedToken).build();
    }

    public static GetUserRequest getUserRequest(long id) {
        return GetUserRequest.newBuilder().setId(id).build();
    }

    public static UpdateUserRequest updateUserRequest(long id, ProfileChanges changes) {
        return UpdateUserRequest.newBuilder()
                .setId(id)
                .setChanges(toProto(changes))
                .build();
    }

    public static DeleteUserRequest deleteUserRequest(long id) {
        return DeleteUserRequest.newBuilder().setId(id).build();
    }

    public static ListUsersRequest listUsersRequest(UserQuery query) {
        return ListUsersRequest.newBuilder().setQuery(toProto(query)).build();
    }

    public static ChangePasswordRequest changePasswordRequest(long id, String oldPassword, String newPassword) {
        return ChangePasswordRequest.newBuilder()
                .setId(id)
                .setOldPassword(oldPassword)
                .setNewPassword(newPassword)
                .build();
    }

    public static SummariesRequest summariesRequest(Collection<Long> ids) {
        return SummariesRequest.newBuilder().addAllIds(ids).build();
    }
}
