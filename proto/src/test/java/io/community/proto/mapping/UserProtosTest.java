package io.community.proto.mapping;

import io.community.common.identity.Role;
import io.community.common.paging.Page;
import io.community.proto.v1.LoginRequest;
import io.community.proto.v1.LogoutRequest;
import io.community.proto.v1.ProfileChangesMessage;
import io.community.proto.v1.SummariesResponse;
import io.community.proto.v1.UserMessage;
import io.community.proto.v1.UserQueryMessage;
import io.community.proto.v1.UserSummaryMessage;
import io.community.user.api.LoginResult;
import io.community.user.api.ProfileChanges;
import io.community.user.api.User;
import io.community.user.api.UserQuery;
import io.community.user.api.UserSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.community.proto.mapping.CommonProtos.nullable;
import static org.assertj.core.api.Assertions.assertThat;

class UserProtosTest {
    private static final Instant CREATED = Instant.parse("2024-02-29T08:15:30.123456Z");
    private static final Instant UPDATED = Instant.parse("2025-01-01T00:00:00.000001Z");
    private static final Instant LOGIN = Instant.parse("2025-06-30T23:59:59.999999Z");

    static User fullUser(Role role) {
        return new User(
                9_007_199_254_740_993L,
                "Zoë 😀",
                "𝄞 Notenschlüssel",
                "zoe+😀@example.com",
                "+49 30 1234567",
                "avatars/42/𠮷.png",
                2,
                31,
                "1993-04-01",
                LOGIN,
                "2001:db8::1",
                User.STATUS_ACTIVE,
                role,
                CREATED,
                UPDATED);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aFullUserRoundTrips(Role role) {
        User user = fullUser(role);
        UserMessage message = Wire.trip(UserProtos.toProto(user));
        Wire.assertEveryFieldSet(message);
        assertThat(UserProtos.toUser(message)).isEqualTo(user);
    }

    @Test
    void hiddenContactDataAndNoLoginStayNullNotEmpty() {
        User user = new User(
                7, "", "", null, null, "", 0, 0, "", null, "", User.STATUS_ACTIVE, Role.USER, CREATED, CREATED);
        UserMessage message = Wire.trip(UserProtos.toProto(user));
        assertThat(message.hasEmail()).isFalse();
        assertThat(message.hasPhone()).isFalse();
        assertThat(message.hasLoginAtMicros()).isFalse();
        assertThat(UserProtos.toUser(message)).isEqualTo(user);
        UserMessage hidden = Wire.trip(UserProtos.toProto(fullUser(Role.USER).withoutContactData()));
        assertThat(hidden.hasLoginIp())
                .as("the login address is hidden like contact data")
                .isFalse();
        assertThat(UserProtos.toUser(hidden)).isEqualTo(fullUser(Role.USER).withoutContactData());
        assertThat(UserProtos.toUser(hidden).loginIp()).isNull();
    }

    @Test
    void emptyContactDataStaysEmptyNotNull() {
        User user = new User(7, "n", "n", "", "", "", 0, 0, "", null, "", 1, Role.USER, CREATED, CREATED);
        assertThat(UserProtos.toUser(Wire.trip(UserProtos.toProto(user)))).isEqualTo(user);
    }

    @Test
    void aUserMessageWithItsOptionalFieldsUnsetDecodesToNulls() {
        User user = UserProtos.toUser(UserMessage.newBuilder()
                .setId(3)
                .setRole(io.community.proto.v1.RoleEnum.ROLE_USER)
                .build());
        assertThat(user.email()).isNull();
        assertThat(user.phone()).isNull();
        assertThat(user.loginAt()).isNull();
        assertThat(user.loginIp()).isNull();
        assertThat(user.createdAt()).isEqualTo(Instant.EPOCH);
        assertThat(user.name()).isEmpty();
    }

    @Test
    void userPagesRoundTrip() {
        Page<User> page =
                new Page<>(List.of(fullUser(Role.ADMIN), fullUser(Role.USER).withoutContactData()), 57);
        assertThat(UserProtos.toUserPage(Wire.trip(UserProtos.toProtoUserPage(page))))
                .isEqualTo(page);
        Page<User> empty = new Page<>(List.of(), 0);
        assertThat(UserProtos.toUserPage(Wire.trip(UserProtos.toProtoUserPage(empty))))
                .isEqualTo(empty);
    }

    @Test
    void summariesRoundTrip() {
        UserSummary summary = new UserSummary(12, "Ana 👩‍💻", "𝒜na", "avatars/12.png");
        UserSummaryMessage message = Wire.trip(UserProtos.toProto(summary));
        Wire.assertEveryFieldSet(message);
        assertThat(UserProtos.toSummary(message)).isEqualTo(summary);
        assertThat(UserProtos.toSummary(UserSummaryMessage.getDefaultInstance()))
                .isEqualTo(new UserSummary(0, "", "", ""));

        Map<Long, UserSummary> byId = new LinkedHashMap<>();
        byId.put(12L, summary);
        byId.put(3L, new UserSummary(3, "", "", ""));
        SummariesResponse response = Wire.trip(UserProtos.toProtoSummaries(byId));
        assertThat(UserProtos.toSummaries(response)).isEqualTo(byId);
        assertThat(UserProtos.toSummaries(Wire.trip(UserProtos.toProtoSummaries(Map.of()))))
                .isEmpty();
        assertThat(UserProtos.summariesRequest(List.of(12L, 3L, 12L)).getIdsList())
                .containsExactly(12L, 3L, 12L);
    }

    @Test
    void loginResultRoundTrips() {
        LoginResult result = new LoginResult(42, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl");
        assertThat(UserProtos.toLoginResult(Wire.trip(UserProtos.toProto(result))))
                .isEqualTo(result);
    }

    @Test
    void profileChangesKeepNullApartFromEmpty() {
        ProfileChanges all = new ProfileChanges("Zoë 😀", "𝄞", "+1 555 0100", "a/b.png", 0, 150, "2000-02-29");
        ProfileChangesMessage allMessage = Wire.trip(UserProtos.toProto(all));
        Wire.assertEveryFieldSet(allMessage);
        assertThat(UserProtos.toChanges(allMessage)).isEqualTo(all);

        ProfileChanges none = new ProfileChanges(null, null, null, null, null, null, null);
        assertThat(Wire.trip(UserProtos.toProto(none)).getAllFields()).isEmpty();
        assertThat(UserProtos.toChanges(Wire.trip(UserProtos.toProto(none)))).isEqualTo(none);
        assertThat(UserProtos.toChanges(ProfileChangesMessage.getDefaultInstance()))
                .isEqualTo(none);

        // "" clears a field and 0 is a real gender/age: both differ from "unchanged"
        ProfileChanges clearing = new ProfileChanges("", null, "", null, 0, 0, "");
        assertThat(UserProtos.toChanges(Wire.trip(UserProtos.toProto(clearing))))
                .isEqualTo(clearing);
    }

    @Test
    void userQueriesRoundTrip() {
        UserQuery query = new UserQuery(
                3,
                100,
                "-createdAt",
                List.of(
                        new UserQuery.Column("name", "like", "%Zoë😀%", "or"),
                        new UserQuery.Column("age", ">=", "18", null),
                        new UserQuery.Column("status", null, null, null)));
        UserQueryMessage message = Wire.trip(UserProtos.toProto(query));
        Wire.assertEveryFieldSet(message);
        Wire.assertEveryFieldSet(message.getColumns(0));
        assertThat(message.getColumns(2).hasExp()).isFalse();
        assertThat(UserProtos.toQuery(message)).isEqualTo(query);

        UserQuery bare = new UserQuery(0, 1, null, List.of());
        assertThat(UserProtos.toQuery(Wire.trip(UserProtos.toProto(bare)))).isEqualTo(bare);
        assertThat(UserProtos.toQuery(UserQueryMessage.getDefaultInstance()))
                .isEqualTo(new UserQuery(0, 0, null, null));
        assertThat(UserProtos.listUsersRequest(query).getQuery()).isEqualTo(message);
    }

    @Test
    void requestsCarryEveryParameterAndKeepNulls() {
        assertThat(UserProtos.sendEmailCodeRequest("a@b.io").getEmail()).isEqualTo("a@b.io");
        assertThat(UserProtos.sendEmailCodeRequest("a@b.io").hasClientIp()).isFalse();
        assertThat(Wire.trip(UserProtos.sendEmailCodeRequest("a@b.io", "2001:db8::1"))
                        .getClientIp())
                .isEqualTo("2001:db8::1");
        var register = Wire.trip(UserProtos.registerRequest("a@b.io", "012345", "pässwörd😀"));
        assertThat(List.of(register.getEmail(), register.getEmailCode(), register.getPassword()))
                .containsExactly("a@b.io", "012345", "pässwörd😀");
        assertThat(Wire.trip(UserProtos.registerResponse(77)).getId()).isEqualTo(77);

        LoginRequest login = Wire.trip(UserProtos.loginRequest("a@b.io", "pw", "203.0.113.9"));
        assertThat(nullable(login.hasClientIp(), login.getClientIp())).isEqualTo("203.0.113.9");
        LoginRequest noIp = Wire.trip(UserProtos.loginRequest("a@b.io", "pw", null));
        assertThat(nullable(noIp.hasClientIp(), noIp.getClientIp())).isNull();

        assertThat(UserProtos.authenticateRequest("t.o.k").getToken()).isEqualTo("t.o.k");

        LogoutRequest logout = Wire.trip(UserProtos.logoutRequest("t.o.k"));
        assertThat(logout.getPresentedToken()).isEqualTo("t.o.k");

        assertThat(UserProtos.getUserRequest(5).getId()).isEqualTo(5);
        assertThat(UserProtos.deleteUserRequest(6).getId()).isEqualTo(6);
        ProfileChanges changes = new ProfileChanges(null, "nick", null, null, 1, null, null);
        var update = Wire.trip(UserProtos.updateUserRequest(8, changes));
        assertThat(update.getId()).isEqualTo(8);
        assertThat(UserProtos.toChanges(update.getChanges())).isEqualTo(changes);
        var change = Wire.trip(UserProtos.changePasswordRequest(9, "old", "new-pässwörd"));
        assertThat(List.of(change.getOldPassword(), change.getNewPassword())).containsExactly("old", "new-pässwörd");
        assertThat(change.getId()).isEqualTo(9);
    }
}
