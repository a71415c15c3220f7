package io.community.cluster.creation;

import com.google.protobuf.Empty;
import io.community.cluster.grpc.CallerContext;
import io.community.creation.api.CollectUseCases;
import io.community.proto.mapping.CommonProtos;
import io.community.proto.mapping.CreationProtos;
import io.community.proto.v1.CollectPage;
import io.community.proto.v1.CollectRequest;
import io.community.proto.v1.CollectServiceGrpc;
import io.community.proto.v1.ListCollectsRequest;
import io.community.proto.v1.UncollectRequest;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

import static io.community.cluster.service.GrpcReplies.done;
import static io.community.cluster.service.GrpcReplies.reply;
import static io.community.proto.mapping.CommonProtos.nullable;

/** CollectService over {@link CollectUseCases}: decode, call, encode; the use case decides. */
@Singleton
public class CollectGrpcEndpoint extends CollectServiceGrpc.CollectServiceImplBase {
    private final CollectUseCases collects;

    public CollectGrpcEndpoint(CollectUseCases collects) {
        this.collects = collects;
    }

    @Override
    public void collect(CollectRequest r, StreamObserver<Empty> out) {
        collects.collect(CallerContext.requireActor(), r.getPostId());
        done(out);
    }

    @Override
    public void uncollect(UncollectRequest r, StreamObserver<Empty> out) {
        collects.uncollect(CallerContext.requireActor(), r.getId(), nullable(r.hasPostId(), r.getPostId()));
        done(out);
    }

    @Override
    public void list(ListCollectsRequest r, StreamObserver<CollectPage> out) {
        reply(
                out,
                CreationProtos.toProtoCollectPage(collects.list(
                        CallerContext.requireActor(), r.getUserId(), CommonProtos.toPageRequest(r.getPage()))));
    }
}
