package io.community.proto.mapping;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
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
import io.community.proto.v1.UnfollowRequest;
import io.community.relation.api.RelationCount;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The relation context's records and RelationService's requests and responses, both ways.
 * Request builders mirror the {@code RelationUseCases} signatures without the actor.
 */
public final class RelationProtos {
    private RelationProtos() {}

    // --- RelationCount

    public static RelationCountMessage toProto(RelationCount count) {
        return RelationCountMessage.newBuilder()
                .setFollowingNum(count.followingNum())
                .setFollowerNum(count.followerNum())
                .build();
    }

    public static RelationCount toCount(RelationCountMessage m) {
        return new RelationCount(m.getFollowingNum(), m.getFollowerNum());
    }

    // --- Page<Long> (following, followers)

    public static IdPage toProtoIdPage(Page<Long> page) {
        return IdPage.newBuilder()
                .addAllItems(page.items())
                .setTotal(page.total())
                .build();
    }

    public static Page<Long> toIdPage(IdPage page) {
        return new Page<>(page.getItemsList(), page.getTotal());
    }

    // --- check

    public static RelationCheckResponse toProtoCheck(Map<Long, Boolean> result) {
        return RelationCheckResponse.newBuilder().putAllResult(result).build();
    }

    /**
     * The check result in the order of the requested {@code uids}, as the use case promises and
     * the HTTP answer shows it. Needed because a proto map has no defined order on the wire. Ids
     * the service did not answer for stay absent; ids it answered for but nobody asked come last.
     */
    public static Map<Long, Boolean> toCheckResult(RelationCheckResponse response, List<Long> uids) {
        Map<Long, Boolean> wire = response.getResultMap();
        Map<Long, Boolean> ordered = new LinkedHashMap<>();
        for (Long uid : uids) {
            Boolean follows = wire.get(uid);
            if (follows != null) {
                ordered.putIfAbsent(uid, follows);
            }
        }
        wire.forEach(ordered::putIfAbsent);
        return Collections.unmodifiableMap(ordered);
    }

    // --- followingIds

    public static FollowingIdsResponse toProtoFollowingIds(List<Long> ids) {
        return FollowingIdsResponse.newBuilder().addAllIds(ids).build();
    }

    public static List<Long> toFollowingIds(FollowingIdsResponse response) {
        return List.copyOf(response.getIdsList());
    }

    // --- requests (client side; the endpoint reads them with the getters and CommonProtos.nullable)

    public static FollowRequest followRequest(long followedUid) {
        return FollowRequest.newBuilder().setFollowedUid(followedUid).build();
    }

    public static UnfollowRequest unfollowRequest(long followedUid) {
        return UnfollowRequest.newBuilder().setFollowedUid(followedUid).build();
    }

    public static FollowingRequest followingRequest(long userId, PageRequest page) {
        return FollowingRequest.newBuilder()
                .setUserId(userId)
                .setPage(CommonProtos.toProto(page))
                .build();
    }

    public static FollowersRequest followersRequest(long userId, PageRequest page) {
        return FollowersRequest.newBuilder()
                .setUserId(userId)
                .setPage(CommonProtos.toProto(page))
                .build();
    }

    public static RelationCheckRequest checkRequest(List<Long> uids) {
        return RelationCheckRequest.newBuilder().addAllUids(uids).build();
    }

    public static RelationCountRequest countRequest(long userId) {
        return RelationCountRequest.newBuilder().setUserId(userId).build();
    }

    public static FollowingIdsRequest followingIdsRequest(long userId, int max) {
        return FollowingIdsRequest.newBuilder().setUserId(userId).setMax(max).build();
    }
}
