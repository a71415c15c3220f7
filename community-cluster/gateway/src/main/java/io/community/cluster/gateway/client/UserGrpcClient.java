package io.community.cluster.gateway.client;

import io.community.cluster.gateway.session.CheckedSession;
import io.community.cluster.gateway.session.SessionCache;
import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.proto.mapping.CommonProtos;
import io.community.proto.mapping.UserProtos;
import io.community.proto.v1.AuthenticatedSession;
import io.community.proto.v1.UserServiceGrpc;
import io.community.user.api.LoginResult;
import io.community.user.api.ProfileChanges;
import io.community.user.api.User;
import io.community.user.api.UserQuery;
import io.community.user.api.UserSummary;
import io.community.user.api.UserUseCases;
import io.grpc.Channel;

import java.util.Collection;
import java.util.Map;

import static io.community.cluster.gateway.client.Calls.call;
import static io.community.cluster.gateway.client.Calls.run;

/**
 * {@link UserUseCases} over UserService. The {@code actor} parameters are not sent: the service
 * takes the caller from the caller token the gateway adds to every call. {@link #authenticate} goes
 * through the gateway's {@link SessionCache}: a session this gateway has seen costs no call.
 */
public final class UserGrpcClient implements UserUseCases {
    private final UserServiceGrpc.UserServiceBlockingStub stub;
    private final SessionCache sessions;

    /** Every session check remote. */
    public UserGrpcClient(Channel channel) {
        this(channel, SessionCache.off(null));
    }

    public UserGrpcClient(Channel channel, SessionCache sessions) {
        this.stub = UserServiceGrpc.newBlockingStub(channel);
        this.sessions = sessions;
    }

    @Override
    public void sendEmailCode(String email, String clientIp) {
        run(() -> stub.sendEmailCode(UserProtos.sendEmailCodeRequest(email, clientIp)));
    }

    @Override
    public long register(String email, String emailCode, String password) {
        return call(() -> stub.register(UserProtos.registerRequest(email, emailCode, password))
                .getId());
    }

    @Override
    public LoginResult login(String email, String password, String clientIp) {
        return call(() -> UserProtos.toLoginResult(stub.login(UserProtos.loginRequest(email, password, clientIp))));
    }

    @Override
    public Actor authenticate(String token) {
        return sessions.check(token, this::checkRemotely).actor();
    }

    /** The user service's Authenticate: the caller, and the session's id and end. */
    public CheckedSession checkRemotely(String token) {
        return call(() -> {
            AuthenticatedSession answer = stub.authenticate(UserProtos.authenticateRequest(token));
            return new CheckedSession(
                    CommonProtos.toActor(answer.getActor()),
                    answer.getSessionId(),
                    CommonProtos.toInstant(answer.getExpiresAtMicros()));
        });
    }

    @Override
    public void logout(Actor actor, String presentedToken) {
        run(() -> stub.logout(UserProtos.logoutRequest(presentedToken)));
    }

    @Override
    public User get(Actor actor, long id) {
        return call(() -> UserProtos.toUser(stub.get(UserProtos.getUserRequest(id))));
    }

    @Override
    public void update(Actor actor, long id, ProfileChanges changes) {
        run(() -> stub.update(UserProtos.updateUserRequest(id, changes)));
    }

    @Override
    public void delete(Actor actor, long id) {
        run(() -> stub.delete(UserProtos.deleteUserRequest(id)));
    }

    @Override
    public Page<User> list(Actor actor, UserQuery query) {
        return call(() -> UserProtos.toUserPage(stub.list(UserProtos.listUsersRequest(query))));
    }

    @Override
    public void changePassword(Actor actor, long id, String oldPassword, String newPassword) {
        run(() -> stub.changePassword(UserProtos.changePasswordRequest(id, oldPassword, newPassword)));
    }

    @Override
    public Map<Long, UserSummary> summaries(Collection<Long> ids) {
        return call(() -> UserProtos.toSummaries(stub.summaries(UserProtos.summariesRequest(ids))));
    }
}
