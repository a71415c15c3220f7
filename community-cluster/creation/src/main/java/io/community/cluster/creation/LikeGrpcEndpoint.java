package io.community.cluster.creation;

import com.google.protobuf.Empty;
import io.community.cluster.grpc.CallerContext;
import io.community.creation.api.LikeUseCases;
import io.community.proto.mapping.CommonProtos;
import io.community.proto.mapping.CreationProtos;
import io.community.proto.v1.LikePage;
import io.community.proto.v1.LikeRequest;
import io.community.proto.v1.LikeServiceGrpc;
import io.community.proto.v1.ListLikesForCommentRequest;
import io.community.proto.v1.ListLikesForPostRequest;
import io.community.proto.v1.UnlikeRequest;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

import static io.community.cluster.service.GrpcReplies.done;
import static io.community.cluster.service.GrpcReplies.reply;

/** LikeService over {@link LikeUseCases}; a missing or unknown obj_type is the HTTP adapter's 400. */
@Singleton
public class LikeGrpcEndpoint extends LikeServiceGrpc.LikeServiceImplBase {
    private final LikeUseCases likes;

    public LikeGrpcEndpoint(LikeUseCases likes) {
        this.likes = likes;
    }

    @Override
    public void like(LikeRequest r, StreamObserver<Empty> out) {
        likes.like(CallerContext.requireActor(), CreationProtos.likeTarget(r), r.getObjId());
        done(out);
    }

    @Override
    public void unlike(UnlikeRequest r, StreamObserver<Empty> out) {
        likes.unlike(CallerContext.requireActor(), CreationProtos.likeTarget(r), r.getObjId());
        done(out);
    }

    @Override
    public void listForPost(ListLikesForPostRequest r, StreamObserver<LikePage> out) {
        reply(
                out,
                CreationProtos.toProtoLikePage(
                        likes.listForPost(r.getPostId(), CommonProtos.toPageRequest(r.getPage()))));
    }

    @Override
    public void listForComment(ListLikesForCommentRequest r, StreamObserver<LikePage> out) {
        reply(
                out,
                CreationProtos.toProtoLikePage(
                        likes.listForComment(r.getCommentId(), CommonProtos.toPageRequest(r.getPage()))));
    }
}
