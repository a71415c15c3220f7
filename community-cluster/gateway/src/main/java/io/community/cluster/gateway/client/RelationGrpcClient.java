package io.community.cluster.gateway.client;

import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.proto.mapping.RelationProtos;
import io.community.proto.v1.RelationServiceGrpc;
import io.community.relation.api.RelationCount;
import io.community.relation.api.RelationUseCases;
import io.grpc.Channel;

import java.util.List;
import java.util.Map;

import static io.community.cluster.gateway.client.Calls.call;
import static io.community.cluster.gateway.client.Calls.run;

/** {@link RelationUseCases} over RelationService; the caller travels as the bearer token, not as {@code actor}. */
public final class RelationGrpcClient implements RelationUseCases {
    private final RelationServiceGrpc.RelationServiceBlockingStub stub;

    public RelationGrpcClient(Channel channel) {
        this.stub = RelationServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public void follow(Actor actor, long followedUid) {
        run(() -> stub.follow(RelationProtos.followRequest(followedUid)));
    }

    @Override
    public void unfollow(Actor actor, long followedUid) {
        run(() -> stub.unfollow(RelationProtos.unfollowRequest(followedUid)));
    }

    @Override
    public Page<Long> following(long userId, PageRequest page) {
        return call(() -> RelationProtos.toIdPage(stub.following(RelationProtos.followingRequest(userId, page))));
    }

    @Override
    public Page<Long> followers(long userId, PageRequest page) {
        return call(() -> RelationProtos.toIdPage(stub.followers(RelationProtos.followersRequest(userId, page))));
    }

    @Override
    public Map<Long, Boolean> check(Actor actor, List<Long> uids) {
        // a proto map has no order: restore the requested one, which the HTTP answer shows
        return call(() -> RelationProtos.toCheckResult(stub.check(RelationProtos.checkRequest(uids)), uids));
    }

    @Override
    public RelationCount count(long userId) {
        return call(() -> RelationProtos.toCount(stub.count(RelationProtos.countRequest(userId))));
    }

    @Override
    public List<Long> followingIds(long userId, int max) {
        return call(() ->
                RelationProtos.toFollowingIds(stub.followingIds(RelationProtos.followingIdsRequest(userId, max))));
    }
}
