package io.community.cluster.gateway.client;

import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.Collect;
import io.community.creation.api.CollectUseCases;
import io.community.proto.mapping.CreationProtos;
import io.community.proto.v1.CollectServiceGrpc;
import io.grpc.Channel;

import static io.community.cluster.gateway.client.Calls.call;
import static io.community.cluster.gateway.client.Calls.run;

/** {@link CollectUseCases} over CollectService; the caller travels as the bearer token, not as {@code actor}. */
public final class CollectGrpcClient implements CollectUseCases {
    private final CollectServiceGrpc.CollectServiceBlockingStub stub;

    public CollectGrpcClient(Channel channel) {
        this.stub = CollectServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public void collect(Actor actor, long postId) {
        run(() -> stub.collect(CreationProtos.collectRequest(postId)));
    }

    @Override
    public void uncollect(Actor actor, long collectId, Long postId) {
        run(() -> stub.uncollect(CreationProtos.uncollectRequest(collectId, postId)));
    }

    @Override
    public Page<Collect> list(Actor actor, long userId, PageRequest page) {
        return call(() -> CreationProtos.toCollectPage(stub.list(CreationProtos.listCollectsRequest(userId, page))));
    }
}
