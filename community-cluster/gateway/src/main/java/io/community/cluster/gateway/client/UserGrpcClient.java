package io.community.cluster.gateway.client;

import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.proto.mapping.CommonProtos;
import io.community.proto.mapping.UserProtos;
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
 * derives the caller from the forwarded bearer token.
 */
public final class UserGrpcClient implements UserUseCases {
    private final UserServiceGrpc.UserServiceBlockingStub stub;

    public UserGrpcClient(Channel channel) {
        this.stub = UserServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public void sendEmailCode(String email, String clientIp) {
        run(() -> stub.sendEmailCode(UserProtos.sendEmailCodeRequest(email, clientIp)));
    }

    @Override
    public long register(String email, String emailCode, String password) {
        return call(() -> stub.register(UserProtos.registerRequest(email, emailCode, password)).getId());
    }

    @Override
    public LoginResult login(String email, String password, String clientIp) {
        return call(() -> UserProtos.toLoginResult(stub.login(UserProtos.loginRequest(email, password, clientIp))));
    }

    @Override
    public Actor authenticate(String token) {
        return call(() -> CommonProtos.toActor(stub.authenticate(UserProtos.authenticateRequest(token))));
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
