package io.community.cluster.gateway.client;

import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.Comment;
import io.community.creation.api.CommentUseCases;
import io.community.creation.api.DelFlag;
import io.community.proto.mapping.CreationProtos;
import io.community.proto.v1.CommentServiceGrpc;
import io.grpc.Channel;

import java.util.List;

import static io.community.cluster.gateway.client.Calls.call;
import static io.community.cluster.gateway.client.Calls.run;

/**
 * {@link CommentUseCases} over CommentService; the caller travels as the bearer token, not as
 * {@code actor}. {@code clientIp} is the HTTP connection's address as the gateway saw it.
 */
public final class CommentGrpcClient implements CommentUseCases {
    private final CommentServiceGrpc.CommentServiceBlockingStub stub;

    public CommentGrpcClient(Channel channel) {
        this.stub = CommentServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public Comment create(Actor actor, long postId, String content, String deviceType, String clientIp) {
        return call(() -> CreationProtos.toComment(
                stub.create(CreationProtos.createCommentRequest(postId, content, deviceType, clientIp))));
    }

    @Override
    public Comment reply(Actor actor, long commentId, String content, String deviceType, String clientIp) {
        return call(() -> CreationProtos.toComment(
                stub.reply(CreationProtos.replyCommentRequest(commentId, content, deviceType, clientIp))));
    }

    @Override
    public void delete(Actor actor, long id, DelFlag flag) {
        run(() -> stub.delete(CreationProtos.deleteCommentRequest(id, flag)));
    }

    @Override
    public void update(Actor actor, long id, String content) {
        run(() -> stub.update(CreationProtos.updateCommentRequest(id, content)));
    }

    @Override
    public Comment get(long id) {
        return call(() -> CreationProtos.toComment(stub.get(CreationProtos.getCommentRequest(id))));
    }

    @Override
    public List<Comment> getByIds(List<Long> ids) {
        return call(() -> CreationProtos.toComments(stub.getByIds(CreationProtos.getCommentsByIdsRequest(ids))));
    }

    @Override
    public Page<Comment> latest(long postId, PageRequest page) {
        return call(
                () -> CreationProtos.toCommentPage(stub.latest(CreationProtos.latestCommentsRequest(postId, page))));
    }

    @Override
    public Page<Comment> hot(long postId, PageRequest page) {
        return call(() -> CreationProtos.toCommentPage(stub.hot(CreationProtos.hotCommentsRequest(postId, page))));
    }

    @Override
    public Page<Comment> replies(long commentId, PageRequest page) {
        return call(() ->
                CreationProtos.toCommentPage(stub.replies(CreationProtos.commentRepliesRequest(commentId, page))));
    }
}
