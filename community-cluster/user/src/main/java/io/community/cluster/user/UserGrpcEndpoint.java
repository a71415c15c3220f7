package io.community.cluster.user;

import com.google.protobuf.Empty;
import io.community.cluster.grpc.CallerContext;
import io.community.common.identity.Actor;
import io.community.common.token.TokenClaims;
import io.community.common.token.TokenCodec;
import io.community.proto.mapping.UserProtos;
import io.community.proto.v1.AuthenticateRequest;
import io.community.proto.v1.AuthenticatedSession;
import io.community.proto.v1.ChangePasswordRequest;
import io.community.proto.v1.DeleteUserRequest;
import io.community.proto.v1.GetUserRequest;
import io.community.proto.v1.ListUsersRequest;
import io.community.proto.v1.LoginRequest;
import io.community.proto.v1.LoginResultMessage;
import io.community.proto.v1.LogoutRequest;
import io.community.proto.v1.RegisterRequest;
import io.community.proto.v1.RegisterResponse;
import io.community.proto.v1.SendEmailCodeRequest;
import io.community.proto.v1.SummariesRequest;
import io.community.proto.v1.SummariesResponse;
import io.community.proto.v1.UpdateUserRequest;
import io.community.proto.v1.UserMessage;
import io.community.proto.v1.UserPage;
import io.community.proto.v1.UserServiceGrpc;
import io.community.user.api.UserUseCases;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

import static io.community.cluster.service.GrpcReplies.done;
import static io.community.cluster.service.GrpcReplies.reply;
import static io.community.proto.mapping.CommonProtos.nullable;

/**
 * UserService over {@link UserUseCases}: decode, call, encode. The use case decides everything;
 * its DomainException travels as the mapped status (ErrorServerInterceptor).
 */
@Singleton
public class UserGrpcEndpoint extends UserServiceGrpc.UserServiceImplBase {
    private final UserUseCases users;
    private final TokenCodec tokens;

    public UserGrpcEndpoint(UserUseCases users, TokenCodec tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @Override
    public void sendEmailCode(SendEmailCodeRequest r, StreamObserver<Empty> out) {
        users.sendEmailCode(r.getEmail(), nullable(r.hasClientIp(), r.getClientIp()));
        done(out);
    }

    @Override
    public void register(RegisterRequest r, StreamObserver<RegisterResponse> out) {
        reply(out, UserProtos.registerResponse(users.register(r.getEmail(), r.getEmailCode(), r.getPassword())));
    }

    @Override
    public void login(LoginRequest r, StreamObserver<LoginResultMessage> out) {
        reply(
                out,
                UserProtos.toProto(
                        users.login(r.getEmail(), r.getPassword(), nullable(r.hasClientIp(), r.getClientIp()))));
    }

    @Override
    public void authenticate(AuthenticateRequest r, StreamObserver<AuthenticatedSession> out) {
        Actor actor = users.authenticate(r.getToken());
        // the use case accepted the token, so this only reads the session's id and end from it
        TokenClaims claims = tokens.verify(r.getToken());
        reply(out, UserProtos.authenticatedSession(actor, claims.jti(), claims.expiresAt()));
    }

    @Override
    public void logout(LogoutRequest r, StreamObserver<Empty> out) {
        // presented_token is the metadata's token by contract; an empty one means "the token I came with"
        String presented =
                r.getPresentedToken().isEmpty() ? CallerContext.token().orElse("") : r.getPresentedToken();
        users.logout(CallerContext.requireActor(), presented);
        done(out);
    }

    @Override
    public void get(GetUserRequest r, StreamObserver<UserMessage> out) {
        reply(out, UserProtos.toProto(users.get(CallerContext.requireActor(), r.getId())));
    }

    @Override
    public void update(UpdateUserRequest r, StreamObserver<Empty> out) {
        users.update(CallerContext.requireActor(), r.getId(), UserProtos.toChanges(r.getChanges()));
        done(out);
    }

    @Override
    public void delete(DeleteUserRequest r, StreamObserver<Empty> out) {
        users.delete(CallerContext.requireActor(), r.getId());
        done(out);
    }

    @Override
    public void list(ListUsersRequest r, StreamObserver<UserPage> out) {
        reply(
                out,
                UserProtos.toProtoUserPage(users.list(CallerContext.requireActor(), UserProtos.toQuery(r.getQuery()))));
    }

    @Override
    public void changePassword(ChangePasswordRequest r, StreamObserver<Empty> out) {
        users.changePassword(CallerContext.requireActor(), r.getId(), r.getOldPassword(), r.getNewPassword());
        done(out);
    }

    @Override
    public void summaries(SummariesRequest r, StreamObserver<SummariesResponse> out) {
        reply(out, UserProtos.toProtoSummaries(users.summaries(r.getIdsList())));
    }
}
