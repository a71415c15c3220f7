package io.community.cluster.creation;

import com.google.protobuf.Empty;
import io.community.cluster.grpc.CallerContext;
import io.community.cluster.service.GrpcReplies;
import io.community.creation.api.CommentUseCases;
import io.community.proto.mapping.CommonProtos;
import io.community.proto.mapping.CreationProtos;
import io.community.proto.v1.CommentList;
import io.community.proto.v1.CommentMessage;
import io.community.proto.v1.CommentPage;
import io.community.proto.v1.CommentRepliesRequest;
import io.community.proto.v1.CommentServiceGrpc;
import io.community.proto.v1.CreateCommentRequest;
import io.community.proto.v1.DeleteCommentRequest;
import io.community.proto.v1.GetCommentRequest;
import io.community.proto.v1.GetCommentsByIdsRequest;
import io.community.proto.v1.HotCommentsRequest;
import io.community.proto.v1.LatestCommentsRequest;
import io.community.proto.v1.ReplyCommentRequest;
import io.community.proto.v1.UpdateCommentRequest;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

import static io.community.cluster.service.GrpcReplies.done;
import static io.community.proto.mapping.CommonProtos.nullable;

/**
 * CommentService over {@link CommentUseCases}: decode, call, encode. {@code client_ip} is the HTTP
 * client's address the gateway saw; unset stays null and the use case decides what to store.
 * ({@code GrpcReplies.reply} is qualified here: the Reply RPC's method shadows the static import.)
 */
@Singleton
public class CommentGrpcEndpoint extends CommentServiceGrpc.CommentServiceImplBase {
    private final CommentUseCases comments;

    public CommentGrpcEndpoint(CommentUseCases comments) {
        this.comments = comments;
    }

    @Override
    public void create(CreateCommentRequest r, StreamObserver<CommentMessage> out) {
        GrpcReplies.reply(
                out,
                CreationProtos.toProto(comments.create(
                        CallerContext.requireActor(),
                        r.getPostId(),
                        nullable(r.hasContent(), r.getContent()),
                        nullable(r.hasDeviceType(), r.getDeviceType()),
                        nullable(r.hasClientIp(), r.getClientIp()))));
    }

    @Override
    public void reply(ReplyCommentRequest r, StreamObserver<CommentMessage> out) {
        GrpcReplies.reply(
                out,
                CreationProtos.toProto(comments.reply(
                        CallerContext.requireActor(),
                        r.getCommentId(),
                        nullable(r.hasContent(), r.getContent()),
                        nullable(r.hasDeviceType(), r.getDeviceType()),
                        nullable(r.hasClientIp(), r.getClientIp()))));
    }

    @Override
    public void delete(DeleteCommentRequest r, StreamObserver<Empty> out) {
        comments.delete(CallerContext.requireActor(), r.getId(), CreationProtos.delFlag(r));
        done(out);
    }

    @Override
    public void update(UpdateCommentRequest r, StreamObserver<Empty> out) {
        comments.update(CallerContext.requireActor(), r.getId(), nullable(r.hasContent(), r.getContent()));
        done(out);
    }

    @Override
    public void get(GetCommentRequest r, StreamObserver<CommentMessage> out) {
        GrpcReplies.reply(out, CreationProtos.toProto(comments.get(r.getId())));
    }

    @Override
    public void getByIds(GetCommentsByIdsRequest r, StreamObserver<CommentList> out) {
        GrpcReplies.reply(out, CreationProtos.toProtoCommentList(comments.getByIds(r.getIdsList())));
    }

    @Override
    public void latest(LatestCommentsRequest r, StreamObserver<CommentPage> out) {
        GrpcReplies.reply(
                out,
                CreationProtos.toProtoCommentPage(
                        comments.latest(r.getPostId(), CommonProtos.toPageRequest(r.getPage()))));
    }

    @Override
    public void hot(HotCommentsRequest r, StreamObserver<CommentPage> out) {
        GrpcReplies.reply(
                out,
                CreationProtos.toProtoCommentPage(
                        comments.hot(r.getPostId(), CommonProtos.toPageRequest(r.getPage()))));
    }

    @Override
    public void replies(CommentRepliesRequest r, StreamObserver<CommentPage> out) {
        GrpcReplies.reply(
                out,
                CreationProtos.toProtoCommentPage(
                        comments.replies(r.getCommentId(), CommonProtos.toPageRequest(r.getPage()))));
    }
}
