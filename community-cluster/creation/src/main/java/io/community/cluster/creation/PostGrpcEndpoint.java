package io.community.cluster.creation;

import com.google.protobuf.Empty;
import io.community.cluster.grpc.CallerContext;
import io.community.creation.api.PostUseCases;
import io.community.proto.mapping.CommonProtos;
import io.community.proto.mapping.CreationProtos;
import io.community.proto.v1.CreatePostRequest;
import io.community.proto.v1.DeletePostRequest;
import io.community.proto.v1.GetPostRequest;
import io.community.proto.v1.GetPostsByIdsRequest;
import io.community.proto.v1.HotPostsRequest;
import io.community.proto.v1.LatestPostsRequest;
import io.community.proto.v1.ListPostsByUserRequest;
import io.community.proto.v1.ListPostsByUsersRequest;
import io.community.proto.v1.PostList;
import io.community.proto.v1.PostMessage;
import io.community.proto.v1.PostPage;
import io.community.proto.v1.PostServiceGrpc;
import io.community.proto.v1.SharePostRequest;
import io.community.proto.v1.UpdatePostRequest;
import io.community.proto.v1.ViewPostRequest;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

import static io.community.cluster.service.GrpcReplies.done;
import static io.community.cluster.service.GrpcReplies.reply;

/** PostService over {@link PostUseCases}: decode, call, encode; the use case decides. */
@Singleton
public class PostGrpcEndpoint extends PostServiceGrpc.PostServiceImplBase {
    private final PostUseCases posts;

    public PostGrpcEndpoint(PostUseCases posts) {
        this.posts = posts;
    }

    @Override
    public void create(CreatePostRequest r, StreamObserver<PostMessage> out) {
        reply(
                out,
                CreationProtos.toProto(
                        posts.create(CallerContext.requireActor(), CreationProtos.toDraft(r.getDraft()))));
    }

    @Override
    public void update(UpdatePostRequest r, StreamObserver<Empty> out) {
        posts.update(CallerContext.requireActor(), r.getId(), CreationProtos.toDraft(r.getDraft()));
        done(out);
    }

    @Override
    public void delete(DeletePostRequest r, StreamObserver<Empty> out) {
        posts.delete(CallerContext.requireActor(), r.getId(), CreationProtos.delFlag(r));
        done(out);
    }

    @Override
    public void get(GetPostRequest r, StreamObserver<PostMessage> out) {
        reply(out, CreationProtos.toProto(posts.get(r.getId())));
    }

    @Override
    public void getByIds(GetPostsByIdsRequest r, StreamObserver<PostList> out) {
        reply(out, CreationProtos.toProtoPostList(posts.getByIds(r.getIdsList())));
    }

    @Override
    public void listByUser(ListPostsByUserRequest r, StreamObserver<PostPage> out) {
        reply(
                out,
                CreationProtos.toProtoPostPage(
                        posts.listByUser(r.getUserId(), CommonProtos.toPageRequest(r.getPage()))));
    }

    @Override
    public void latest(LatestPostsRequest r, StreamObserver<PostPage> out) {
        reply(out, CreationProtos.toProtoPostPage(posts.latest(CommonProtos.toPageRequest(r.getPage()))));
    }

    @Override
    public void hot(HotPostsRequest r, StreamObserver<PostPage> out) {
        reply(out, CreationProtos.toProtoPostPage(posts.hot(CommonProtos.toPageRequest(r.getPage()))));
    }

    @Override
    public void listByUsers(ListPostsByUsersRequest r, StreamObserver<PostPage> out) {
        reply(
                out,
                CreationProtos.toProtoPostPage(
                        posts.listByUsers(r.getUserIdsList(), CommonProtos.toPageRequest(r.getPage()))));
    }

    @Override
    public void view(ViewPostRequest r, StreamObserver<Empty> out) {
        posts.view(r.getId());
        done(out);
    }

    @Override
    public void share(SharePostRequest r, StreamObserver<Empty> out) {
        posts.share(r.getId());
        done(out);
    }
}
