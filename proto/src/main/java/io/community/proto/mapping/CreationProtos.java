package io.community.proto.mapping;

import io.community.common.error.DomainException;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.Collect;
import io.community.creation.api.Comment;
import io.community.creation.api.DelFlag;
import io.community.creation.api.Like;
import io.community.creation.api.LikeTarget;
import io.community.creation.api.Post;
import io.community.creation.api.PostDraft;
import io.community.creation.api.PostType;
import io.community.proto.v1.CollectMessage;
import io.community.proto.v1.CollectPage;
import io.community.proto.v1.CollectRequest;
import io.community.proto.v1.CommentList;
import io.community.proto.v1.CommentMessage;
import io.community.proto.v1.CommentPage;
import io.community.proto.v1.CommentRepliesRequest;
import io.community.proto.v1.CreateCommentRequest;
import io.community.proto.v1.CreatePostRequest;
import io.community.proto.v1.DelFlagEnum;
import io.community.proto.v1.DeleteCommentRequest;
import io.community.proto.v1.DeletePostRequest;
import io.community.proto.v1.GetCommentRequest;
import io.community.proto.v1.GetCommentsByIdsRequest;
import io.community.proto.v1.GetPostRequest;
import io.community.proto.v1.GetPostsByIdsRequest;
import io.community.proto.v1.HotCommentsRequest;
import io.community.proto.v1.HotPostsRequest;
import io.community.proto.v1.LatestCommentsRequest;
import io.community.proto.v1.LatestPostsRequest;
import io.community.proto.v1.LikeMessage;
import io.community.proto.v1.LikePage;
import io.community.proto.v1.LikeRequest;
import io.community.proto.v1.LikeTargetEnum;
import io.community.proto.v1.ListCollectsRequest;
import io.community.proto.v1.ListLikesForCommentRequest;
import io.community.proto.v1.ListLikesForPostRequest;
import io.community.proto.v1.ListPostsByUserRequest;
import io.community.proto.v1.ListPostsByUsersRequest;
import io.community.proto.v1.PostDraftMessage;
import io.community.proto.v1.PostList;
import io.community.proto.v1.PostMessage;
import io.community.proto.v1.PostPage;
import io.community.proto.v1.PostTypeEnum;
import io.community.proto.v1.ReplyCommentRequest;
import io.community.proto.v1.SharePostRequest;
import io.community.proto.v1.UncollectRequest;
import io.community.proto.v1.UnlikeRequest;
import io.community.proto.v1.UpdateCommentRequest;
import io.community.proto.v1.UpdatePostRequest;
import io.community.proto.v1.ViewPostRequest;

import java.util.Collection;
import java.util.List;

import static io.community.proto.mapping.CommonProtos.nullable;
import static io.community.proto.mapping.CommonProtos.setIfPresent;
import static io.community.proto.mapping.CommonProtos.toInstant;
import static io.community.proto.mapping.CommonProtos.toMicros;

/**
 * The creation context's records and the Post, Comment, Like and Collect services' requests and
 * responses, both ways. Request builders mirror the use-case signatures without the actor; a
 * null for a {@code @Nullable} parameter leaves the optional field unset (a null DelFlag: UNSPECIFIED).
 *
 * <p>Enums map by name with exhaustive switches, so a new constant on either side fails the build.
 */
public final class CreationProtos {
    private CreationProtos() {}

    // --- enums

    public static PostTypeEnum toProto(PostType type) {
        return switch (type) {
            case TEXT -> PostTypeEnum.POST_TYPE_TEXT;
            case IMAGE -> PostTypeEnum.POST_TYPE_IMAGE;
            case VIDEO -> PostTypeEnum.POST_TYPE_VIDEO;
        };
    }

    /** Strict: every post has a type. */
    public static PostType toPostType(PostTypeEnum type) {
        return switch (type) {
            case POST_TYPE_TEXT -> PostType.TEXT;
            case POST_TYPE_IMAGE -> PostType.IMAGE;
            case POST_TYPE_VIDEO -> PostType.VIDEO;
            case POST_TYPE_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("no post type: " + type);
        };
    }

    /** A null flag (a delete request without one) travels as UNSPECIFIED. */
    public static DelFlagEnum toProto(DelFlag flag) {
        if (flag == null) {
            return DelFlagEnum.DEL_FLAG_UNSPECIFIED;
        }
        return switch (flag) {
            case NONE -> DelFlagEnum.DEL_FLAG_NONE;
            case BY_OWNER -> DelFlagEnum.DEL_FLAG_BY_OWNER;
            case BY_ADMIN -> DelFlagEnum.DEL_FLAG_BY_ADMIN;
        };
    }

    /** Strict, for records: every post and comment has a flag. Requests: {@link #delFlag(DeletePostRequest)}. */
    public static DelFlag toDelFlag(DelFlagEnum flag) {
        DelFlag decoded = toDelFlagOrNull(flag);
        if (decoded == null) {
            throw new IllegalArgumentException("no delete flag: " + flag);
        }
        return decoded;
    }

    private static DelFlag toDelFlagOrNull(DelFlagEnum flag) {
        return switch (flag) {
            case DEL_FLAG_NONE -> DelFlag.NONE;
            case DEL_FLAG_BY_OWNER -> DelFlag.BY_OWNER;
            case DEL_FLAG_BY_ADMIN -> DelFlag.BY_ADMIN;
            case DEL_FLAG_UNSPECIFIED, UNRECOGNIZED -> null;
        };
    }

    public static LikeTargetEnum toProto(LikeTarget target) {
        return switch (target) {
            case POST -> LikeTargetEnum.LIKE_TARGET_POST;
            case COMMENT -> LikeTargetEnum.LIKE_TARGET_COMMENT;
        };
    }

    /** Strict, for records. Requests: {@link #likeTarget(LikeRequest)}. */
    public static LikeTarget toLikeTarget(LikeTargetEnum target) {
        LikeTarget decoded = toLikeTargetOrNull(target);
        if (decoded == null) {
            throw new IllegalArgumentException("no like target: " + target);
        }
        return decoded;
    }

    private static LikeTarget toLikeTargetOrNull(LikeTargetEnum target) {
        return switch (target) {
            case LIKE_TARGET_POST -> LikeTarget.POST;
            case LIKE_TARGET_COMMENT -> LikeTarget.COMMENT;
            case LIKE_TARGET_UNSPECIFIED, UNRECOGNIZED -> null;
        };
    }

    // --- Post

    public static PostMessage toProto(Post post) {
        return PostMessage.newBuilder()
                .setId(post.id())
                .setPostType(toProto(post.postType()))
                .setUserId(post.userId())
                .setTitle(post.title())
                .setContent(post.content())
                .setViewCount(post.viewCount())
                .setLikeCount(post.likeCount())
                .setCommentCount(post.commentCount())
                .setCollectCount(post.collectCount())
                .setShareCount(post.shareCount())
                .setDelFlag(toProto(post.delFlag()))
                .setVisible(post.visible())
                .setLongitude(post.longitude())
                .setLatitude(post.latitude())
                .setPosition(post.position())
                .setCreatedAtMicros(toMicros(post.createdAt()))
                .setUpdatedAtMicros(toMicros(post.updatedAt()))
                .build();
    }

    public static Post toPost(PostMessage m) {
        return new Post(
                m.getId(),
                toPostType(m.getPostType()),
                m.getUserId(),
                m.getTitle(),
                m.getContent(),
                m.getViewCount(),
                m.getLikeCount(),
                m.getCommentCount(),
                m.getCollectCount(),
                m.getShareCount(),
                toDelFlag(m.getDelFlag()),
                m.getVisible(),
                m.getLongitude(),
                m.getLatitude(),
                m.getPosition(),
                toInstant(m.getCreatedAtMicros()),
                toInstant(m.getUpdatedAtMicros()));
    }

    public static PostPage toProtoPostPage(Page<Post> page) {
        PostPage.Builder b = PostPage.newBuilder().setTotal(page.total());
        page.items().forEach(p -> b.addItems(toProto(p)));
        return b.build();
    }

    public static Page<Post> toPostPage(PostPage page) {
        return new Page<>(
                page.getItemsList().stream().map(CreationProtos::toPost).toList(), page.getTotal());
    }

    public static PostList toProtoPostList(List<Post> posts) {
        PostList.Builder b = PostList.newBuilder();
        posts.forEach(p -> b.addItems(toProto(p)));
        return b.build();
    }

    public static List<Post> toPosts(PostList list) {
        return list.getItemsList().stream().map(CreationProtos::toPost).toList();
    }

    // --- PostDraft: nulls stay nulls, so the service's validation answers as in the monolith

    public static PostDraftMessage toProto(PostDraft draft) {
        PostDraftMessage.Builder b = PostDraftMessage.newBuilder().addAllPicKeys(draft.picKeys());
        setIfPresent(draft.title(), b::setTitle);
        setIfPresent(draft.text(), b::setText);
        setIfPresent(draft.videoKey(), b::setVideoKey);
        setIfPresent(draft.videoDuration(), b::setVideoDuration);
        setIfPresent(draft.coverKey(), b::setCoverKey);
        setIfPresent(draft.coverWidth(), b::setCoverWidth);
        setIfPresent(draft.coverHeight(), b::setCoverHeight);
        setIfPresent(draft.longitude(), b::setLongitude);
        setIfPresent(draft.latitude(), b::setLatitude);
        setIfPresent(draft.position(), b::setPosition);
        return b.build();
    }

    public static PostDraft toDraft(PostDraftMessage m) {
        return new PostDraft(
                nullable(m.hasTitle(), m.getTitle()),
                nullable(m.hasText(), m.getText()),
                m.getPicKeysList(),
                nullable(m.hasVideoKey(), m.getVideoKey()),
                nullable(m.hasVideoDuration(), m.getVideoDuration()),
                nullable(m.hasCoverKey(), m.getCoverKey()),
                nullable(m.hasCoverWidth(), m.getCoverWidth()),
                nullable(m.hasCoverHeight(), m.getCoverHeight()),
                nullable(m.hasLongitude(), m.getLongitude()),
                nullable(m.hasLatitude(), m.getLatitude()),
                nullable(m.hasPosition(), m.getPosition()));
    }

    // --- Comment

    public static CommentMessage toProto(Comment comment) {
        return CommentMessage.newBuilder()
                .setId(comment.id())
                .setPostId(comment.postId())
                .setUserId(comment.userId())
                .setContent(comment.content())
                .setParentId(comment.parentId())
                .setReplyCount(comment.replyCount())
                .setLikeCount(comment.likeCount())
                .setScore(comment.score())
                .setDelFlag(toProto(comment.delFlag()))
                .setCreatedAtMicros(toMicros(comment.createdAt()))
                .setUpdatedAtMicros(toMicros(comment.updatedAt()))
                .setDeviceType(comment.deviceType())
                .setIp(comment.ip())
                .build();
    }

    public static Comment toComment(CommentMessage m) {
        return new Comment(
                m.getId(),
                m.getPostId(),
                m.getUserId(),
                m.getContent(),
                m.getParentId(),
                m.getReplyCount(),
                m.getLikeCount(),
                m.getScore(),
                toDelFlag(m.getDelFlag()),
                toInstant(m.getCreatedAtMicros()),
                toInstant(m.getUpdatedAtMicros()),
                m.getDeviceType(),
                m.getIp());
    }

    public static CommentPage toProtoCommentPage(Page<Comment> page) {
        CommentPage.Builder b = CommentPage.newBuilder().setTotal(page.total());
        page.items().forEach(c -> b.addItems(toProto(c)));
        return b.build();
    }

    public static Page<Comment> toCommentPage(CommentPage page) {
        return new Page<>(
                page.getItemsList().stream().map(CreationProtos::toComment).toList(), page.getTotal());
    }

    public static CommentList toProtoCommentList(List<Comment> comments) {
        CommentList.Builder b = CommentList.newBuilder();
        comments.forEach(c -> b.addItems(toProto(c)));
        return b.build();
    }

    public static List<Comment> toComments(CommentList list) {
        return list.getItemsList().stream().map(CreationProtos::toComment).toList();
    }

    // --- Like

    public static LikeMessage toProto(Like like) {
        return LikeMessage.newBuilder()
                .setId(like.id())
                .setUserId(like.userId())
                .setObjType(toProto(like.objType()))
                .setObjId(like.objId())
                .setStatus(like.status())
                .setCreatedAtMicros(toMicros(like.createdAt()))
                .setUpdatedAtMicros(toMicros(like.updatedAt()))
                .build();
    }

    public static Like toLike(LikeMessage m) {
        return new Like(
                m.getId(),
                m.getUserId(),
                toLikeTarget(m.getObjType()),
                m.getObjId(),
                m.getStatus(),
                toInstant(m.getCreatedAtMicros()),
                toInstant(m.getUpdatedAtMicros()));
    }

    public static LikePage toProtoLikePage(Page<Like> page) {
        LikePage.Builder b = LikePage.newBuilder().setTotal(page.total());
        page.items().forEach(l -> b.addItems(toProto(l)));
        return b.build();
    }

    public static Page<Like> toLikePage(LikePage page) {
        return new Page<>(
                page.getItemsList().stream().map(CreationProtos::toLike).toList(), page.getTotal());
    }

    // --- Collect

    public static CollectMessage toProto(Collect collect) {
        return CollectMessage.newBuilder()
                .setId(collect.id())
                .setUserId(collect.userId())
                .setPostId(collect.postId())
                .setCreatedAtMicros(toMicros(collect.createdAt()))
                .setUpdatedAtMicros(toMicros(collect.updatedAt()))
                .build();
    }

    public static Collect toCollect(CollectMessage m) {
        return new Collect(
                m.getId(),
                m.getUserId(),
                m.getPostId(),
                toInstant(m.getCreatedAtMicros()),
                toInstant(m.getUpdatedAtMicros()));
    }

    public static CollectPage toProtoCollectPage(Page<Collect> page) {
        CollectPage.Builder b = CollectPage.newBuilder().setTotal(page.total());
        page.items().forEach(c -> b.addItems(toProto(c)));
        return b.build();
    }

    public static Page<Collect> toCollectPage(CollectPage page) {
        return new Page<>(
                page.getItemsList().stream().map(CreationProtos::toCollect).toList(), page.getTotal());
    }

    // --- request parameters the endpoint cannot read with a getter or CommonProtos.nullable

    /** Null for UNSPECIFIED or an unknown flag, which the use case answers with its 400, as in the monolith. */
    public static DelFlag delFlag(DeletePostRequest request) {
        return toDelFlagOrNull(request.getDelFlag());
    }

    /** Null for UNSPECIFIED or an unknown flag, which the use case answers with its 400, as in the monolith. */
    public static DelFlag delFlag(DeleteCommentRequest request) {
        return toDelFlagOrNull(request.getDelFlag());
    }

    /** The HTTP adapter's 400 for a missing or unknown objType. */
    public static LikeTarget likeTarget(LikeRequest request) {
        return requireTarget(request.getObjType());
    }

    /** The HTTP adapter's 400 for a missing or unknown objType. */
    public static LikeTarget likeTarget(UnlikeRequest request) {
        return requireTarget(request.getObjType());
    }

    private static LikeTarget requireTarget(LikeTargetEnum target) {
        LikeTarget decoded = toLikeTargetOrNull(target);
        if (decoded == null) {
            throw DomainException.invalidField("objType", "must be 1 (post) or 2 (comment)");
        }
        return decoded;
    }

    // --- PostService requests (client side)

    public static CreatePostRequest createPostRequest(PostDraft draft) {
        return CreatePostRequest.newBuilder().setDraft(toProto(draft)).build();
    }

    public static UpdatePostRequest updatePostRequest(long id, PostDraft draft) {
        return UpdatePostRequest.newBuilder().setId(id).setDraft(toProto(draft)).build();
    }

    public static DeletePostRequest deletePostRequest(long id, DelFlag flag) {
        return DeletePostRequest.newBuilder()
                .setId(id)
                .setDelFlag(toProto(flag))
                .build();
    }

    public static GetPostRequest getPostRequest(long id) {
        return GetPostRequest.newBuilder().setId(id).build();
    }

    public static GetPostsByIdsRequest getPostsByIdsRequest(List<Long> ids) {
        return GetPostsByIdsRequest.newBuilder().addAllIds(ids).build();
    }

    public static ListPostsByUserRequest listPostsByUserRequest(long userId, PageRequest page) {
        return ListPostsByUserRequest.newBuilder()
                .setUserId(userId)
                .setPage(CommonProtos.toProto(page))
                .build();
    }

    public static LatestPostsRequest latestPostsRequest(PageRequest page) {
        return LatestPostsRequest.newBuilder()
                .setPage(CommonProtos.toProto(page))
                .build();
    }

    public static HotPostsRequest hotPostsRequest(PageRequest page) {
        return HotPostsRequest.newBuilder().setPage(CommonProtos.toProto(page)).build();
    }

    public static ListPostsByUsersRequest listPostsByUsersRequest(Collection<Long> userIds, PageRequest page) {
        return ListPostsByUsersRequest.newBuilder()
                .addAllUserIds(userIds)
                .setPage(CommonProtos.toProto(page))
                .build();
    }

    public static ViewPostRequest viewPostRequest(long id) {
        return ViewPostRequest.newBuilder().setId(id).build();
    }

    public static SharePostRequest sharePostRequest(long id) {
        return SharePostRequest.newBuilder().setId(id).build();
    }

    // --- CommentService requests (client side)

    public static CreateCommentRequest createCommentRequest(
            long postId, String content, String deviceType, String clientIp) {
        CreateCommentRequest.Builder b = CreateCommentRequest.newBuilder().setPostId(postId);
        setIfPresent(content, b::setContent);
        setIfPresent(deviceType, b::setDeviceType);
        setIfPresent(clientIp, b::setClientIp);
        return b.build();
    }

    public static ReplyCommentRequest replyCommentRequest(
            long commentId, String content, String deviceType, String clientIp) {
        ReplyCommentRequest.Builder b = ReplyCommentRequest.newBuilder().setCommentId(commentId);
        setIfPresent(content, b::setContent);
        setIfPresent(deviceType, b::setDeviceType);
        setIfPresent(clientIp, b::setClientIp);
        return b.build();
    }

    public static DeleteCommentRequest deleteCommentRequest(long id, DelFlag flag) {
        return DeleteCommentRequest.newBuilder()
                .setId(id)
                .setDelFlag(toProto(flag))
                .build();
    }

    public static UpdateCommentRequest updateCommentRequest(long id, String content) {
        UpdateCommentRequest.Builder b = UpdateCommentRequest.newBuilder().setId(id);
        setIfPresent(content, b::setContent);
        return b.build();
    }

    public static GetCommentRequest getCommentRequest(long id) {
        return GetCommentRequest.newBuilder().setId(id).build();
    }

    public static GetCommentsByIdsRequest getCommentsByIdsRequest(List<Long> ids) {
        return GetCommentsByIdsRequest.newBuilder().addAllIds(ids).build();
    }

    public static LatestCommentsRequest latestCommentsRequest(long postId, PageRequest page) {
        return LatestCommentsRequest.newBuilder()
                .setPostId(postId)
                .setPage(CommonProtos.toProto(page))
                .build();
    }

    public static HotCommentsRequest hotCommentsRequest(long postId, PageRequest page) {
        return HotCommentsRequest.newBuilder()
                .setPostId(postId)
                .setPage(CommonProtos.toProto(page))
                .build();
    }

    public static CommentRepliesRequest commentRepliesRequest(long commentId, PageRequest page) {
        return CommentRepliesRequest.newBuilder()
                .setCommentId(commentId)
                .setPage(CommonProtos.toProto(page))
                .build();
    }

    // --- LikeService requests (client side)

    public static LikeRequest likeRequest(LikeTarget target, long objId) {
        return LikeRequest.newBuilder()
                .setObjType(toProto(target))
                .setObjId(objId)
                .build();
    }

    public static UnlikeRequest unlikeRequest(LikeTarget target, long objId) {
        return UnlikeRequest.newBuilder()
                .setObjType(toProto(target))
                .setObjId(objId)
                .build();
    }

    public static ListLikesForPostRequest listLikesForPostRequest(long postId, PageRequest page) {
        return ListLikesForPostRequest.newBuilder()
                .setPostId(postId)
                .setPage(CommonProtos.toProto(page))
                .build();
    }

    public static ListLikesForCommentRequest listLikesForCommentRequest(long commentId, PageRequest page) {
        return ListLikesForCommentRequest.newBuilder()
                .setCommentId(commentId)
                .setPage(CommonProtos.toProto(page))
                .build();
    }

    // --- CollectService requests (client side)

    public static CollectRequest collectRequest(long postId) {
        return CollectRequest.newBuilder().setPostId(postId).build();
    }

    public static UncollectRequest uncollectRequest(long collectId, Long postId) {
        UncollectRequest.Builder b = UncollectRequest.newBuilder().setId(collectId);
        setIfPresent(postId, b::setPostId);
        return b.build();
    }

    public static ListCollectsRequest listCollectsRequest(long userId, PageRequest page) {
        return ListCollectsRequest.newBuilder()
                .setUserId(userId)
                .setPage(CommonProtos.toProto(page))
                .build();
    }
}
