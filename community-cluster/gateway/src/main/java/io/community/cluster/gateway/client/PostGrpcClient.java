package io.community.cluster.gateway.client;

import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.DelFlag;
import io.community.creation.api.Post;
import io.community.creation.api.PostDraft;
import io.community.creation.api.PostUseCases;
import io.community.proto.mapping.CreationProtos;
import io.community.proto.v1.PostServiceGrpc;
import io.grpc.Channel;

import java.util.Collection;
import java.util.List;

import static io.community.cluster.gateway.client.Calls.call;
import static io.community.cluster.gateway.client.Calls.run;

/** {@link PostUseCases} over PostService; the caller travels as the bearer token, not as {@code actor}. */
public final class PostGrpcClient implements PostUseCases {
    private final PostServiceGrpc.PostServiceBlockingStub stub;

    public PostGrpcClient(Channel channel) {
        this.stub = PostServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public Post create(Actor actor, PostDraft draft) {
        return call(() -> CreationProtos.toPost(stub.create(CreationProtos.createPostRequest(draft))));
    }

    @Override
    public void update(Actor actor, long id, PostDraft draft) {
        run(() -> stub.update(CreationProtos.updatePostRequest(id, draft)));
    }

    @Override
    public void delete(Actor actor, long id, DelFlag flag) {
        run(() -> stub.delete(CreationProtos.deletePostRequest(id, flag)));
    }

    @Override
    public Post get(long id) {
        return call(() -> CreationProtos.toPost(stub.get(CreationProtos.getPostRequest(id))));
    }

    @Override
    public List<Post> getByIds(List<Long> ids) {
        return call(() -> CreationProtos.toPosts(stub.getByIds(CreationProtos.getPostsByIdsRequest(ids))));
    }

    @Override
    public Page<Post> listByUser(long userId, PageRequest page) {
        return call(
                () -> CreationProtos.toPostPage(stub.listByUser(CreationProtos.listPostsByUserRequest(userId, page))));
    }

    @Override
    public Page<Post> latest(PageRequest page) {
        return call(() -> CreationProtos.toPostPage(stub.latest(CreationProtos.latestPostsRequest(page))));
    }

    @Override
    public Page<Post> hot(PageRequest page) {
        return call(() -> CreationProtos.toPostPage(stub.hot(CreationProtos.hotPostsRequest(page))));
    }

    @Override
    public Page<Post> listByUsers(Collection<Long> userIds, PageRequest page) {
        return call(() ->
                CreationProtos.toPostPage(stub.listByUsers(CreationProtos.listPostsByUsersRequest(userIds, page))));
    }

    @Override
    public void view(long id) {
        run(() -> stub.view(CreationProtos.viewPostRequest(id)));
    }

    @Override
    public void share(long id) {
        run(() -> stub.share(CreationProtos.sharePostRequest(id)));
    }
}
