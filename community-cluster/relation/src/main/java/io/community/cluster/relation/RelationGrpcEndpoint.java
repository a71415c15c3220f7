package io.community.cluster.relation;

import com.google.protobuf.Empty;
import io.community.cluster.grpc.CallerContext;
import io.community.proto.mapping.CommonProtos;
import io.community.proto.mapping.RelationProtos;
import io.community.proto.v1.FollowRequest;
import io.community.proto.v1.FollowersRequest;
import io.community.proto.v1.FollowingIdsRequest;
import io.community.proto.v1.FollowingIdsResponse;
import io.community.proto.v1.FollowingRequest;
import io.community.proto.v1.IdPage;
import io.community.proto.v1.RelationCheckRequest;
import io.community.proto.v1.RelationCheckResponse;
import io.community.proto.v1.RelationCountMessage;
import io.community.proto.v1.RelationCountRequest;
import io.community.proto.v1.RelationServiceGrpc;
import io.community.proto.v1.UnfollowRequest;
import io.community.relation.api.RelationUseCases;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

import static io.community.cluster.service.GrpcReplies.done;
import static io.community.cluster.service.GrpcReplies.reply;

/** RelationService over {@link RelationUseCases}: decode, call, encode; the use case decides. */
@Singleton
public class RelationGrpcEndpoint extends RelationServiceGrpc.RelationServiceImplBase {
    private final RelationUseCases relations;

    public RelationGrpcEndpoint(RelationUseCases relations) {
        this.relations = relations;
    }

    @Override
    public void follow(FollowRequest r, StreamObserver<Empty> out) {
        relations.follow(CallerContext.requireActor(), r.getFollowedUid());
        done(out);
    }

    @Override
    public void unfollow(UnfollowRequest r, StreamObserver<Empty> out) {
        relations.unfollow(CallerContext.requireActor(), r.getFollowedUid());
        done(out);
    }

    @Override
    public void following(FollowingRequest r, StreamObserver<IdPage> out) {
        reply(
                out,
                RelationProtos.toProtoIdPage(
                        relations.following(r.getUserId(), CommonProtos.toPageRequest(r.getPage()))));
    }

    @Override
    public void followers(FollowersRequest r, StreamObserver<IdPage> out) {
        reply(
                out,
                RelationProtos.toProtoIdPage(
                        relations.followers(r.getUserId(), CommonProtos.toPageRequest(r.getPage()))));
    }

    @Override
    public void check(RelationCheckRequest r, StreamObserver<RelationCheckResponse> out) {
        reply(out, RelationProtos.toProtoCheck(relations.check(CallerContext.requireActor(), r.getUidsList())));
    }

    @Override
    public void count(RelationCountRequest r, StreamObserver<RelationCountMessage> out) {
        reply(out, RelationProtos.toProto(relations.count(r.getUserId())));
    }

    @Override
    public void followingIds(FollowingIdsRequest r, StreamObserver<FollowingIdsResponse> out) {
        reply(out, RelationProtos.toProtoFollowingIds(relations.followingIds(r.getUserId(), r.getMax())));
    }
}
