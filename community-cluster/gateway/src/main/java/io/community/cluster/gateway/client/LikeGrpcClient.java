package io.community.cluster.gateway.client;

import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.Like;
import io.community.creation.api.LikeTarget;
import io.community.creation.api.LikeUseCases;
import io.community.proto.mapping.CreationProtos;
import io.community.proto.v1.LikeServiceGrpc;
import io.grpc.Channel;

import static io.community.cluster.gateway.client.Calls.call;
import static io.community.cluster.gateway.client.Calls.run;

/** {@link LikeUseCases} over LikeService; the caller travels as the bearer token, not as {@code actor}. */
public final class LikeGrpcClient implements LikeUseCases {
    private final LikeServiceGrpc.LikeServiceBlockingStub stub;

    public LikeGrpcClient(Channel channel) {
        this.stub = LikeServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public void like(Actor actor, LikeTarget target, long objId) {
        run(() -> stub.like(CreationProtos.likeRequest(target, objId)));
    }

    @Override
    public void unlike(Actor actor, LikeTarget target, long objId) {
        run(() -> stub.unlike(CreationProtos.unlikeRequest(target, objId)));
    }

    @Override
    public Page<Like> listForPost(long postId, PageRequest page) {
        return call(() ->
                CreationProtos.toLikePage(stub.listForPost(CreationProtos.listLikesForPostRequest(postId, page))));
    }

    @Override
    public Page<Like> listForComment(long commentId, PageRequest page) {
        return call(() -> CreationProtos.toLikePage(
                stub.listForComment(CreationProtos.listLikesForCommentRequest(commentId, page))));
    }
}
