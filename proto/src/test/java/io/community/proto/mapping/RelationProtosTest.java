package io.community.proto.mapping;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.proto.v1.FollowRequest;
import io.community.proto.v1.RelationCheckRequest;
import io.community.proto.v1.RelationCheckResponse;
import io.community.proto.v1.RelationCountMessage;
import io.community.relation.api.RelationCount;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RelationProtosTest {

    @Test
    void countsRoundTrip() {
        RelationCount count = new RelationCount(3, 1_234_567_890_123L);
        RelationCountMessage message = Wire.trip(RelationProtos.toProto(count));
        Wire.assertEveryFieldSet(message);
        assertThat(RelationProtos.toCount(message)).isEqualTo(count);
        assertThat(RelationProtos.toCount(Wire.trip(RelationProtos.toProto(RelationCount.NONE))))
                .isEqualTo(RelationCount.NONE);
    }

    @Test
    void idPagesRoundTripInOrder() {
        Page<Long> page = new Page<>(List.of(30L, 10L, 20L, 9_007_199_254_740_993L), 120);
        assertThat(RelationProtos.toIdPage(Wire.trip(RelationProtos.toProtoIdPage(page))))
                .isEqualTo(page);
        Page<Long> empty = new Page<>(List.of(), 0);
        assertThat(RelationProtos.toIdPage(Wire.trip(RelationProtos.toProtoIdPage(empty))))
                .isEqualTo(empty);
    }

    @Test
    void checkResultsComeBackInTheRequestedOrder() {
        Map<Long, Boolean> answered = new LinkedHashMap<>();
        answered.put(30L, true);
        answered.put(10L, false);
        answered.put(20L, true);
        // the map as the wire might deliver it: in another order
        RelationCheckResponse response = Wire.trip(RelationCheckResponse.newBuilder()
                .putResult(10L, false)
                .putResult(20L, true)
                .putResult(30L, true)
                .build());

        Map<Long, Boolean> result = RelationProtos.toCheckResult(response, List.of(30L, 10L, 20L, 30L));
        assertThat(result).containsExactlyEntriesOf(answered);
        assertThat(RelationProtos.toCheckResult(
                        Wire.trip(RelationProtos.toProtoCheck(answered)), List.of(30L, 10L, 20L)))
                .containsExactlyEntriesOf(answered);
    }

    @Test
    void checkResultsKeepWhatTheServiceAnsweredEvenIfNotAsked() {
        RelationCheckResponse response = RelationCheckResponse.newBuilder()
                .putResult(2L, true)
                .putResult(5L, false)
                .build();
        Map<Long, Boolean> expected = new LinkedHashMap<>();
        expected.put(5L, false); // asked and answered, in the asked order
        expected.put(2L, true); // answered but not asked: last
        assertThat(RelationProtos.toCheckResult(response, List.of(5L, 7L))).containsExactlyEntriesOf(expected);
        assertThat(RelationProtos.toCheckResult(Wire.trip(RelationProtos.toProtoCheck(Map.of())), List.of()))
                .isEmpty();
    }

    @Test
    void followingIdsRoundTrip() {
        List<Long> ids = List.of(8L, 3L, 5L);
        assertThat(RelationProtos.toFollowingIds(Wire.trip(RelationProtos.toProtoFollowingIds(ids))))
                .isEqualTo(ids);
        assertThat(RelationProtos.toFollowingIds(Wire.trip(RelationProtos.toProtoFollowingIds(List.of()))))
                .isEmpty();
    }

    @Test
    void requestsCarryEveryParameterAndKeepNulls() {
        FollowRequest follow = Wire.trip(RelationProtos.followRequest(9L));
        assertThat(follow.getFollowedUid()).isEqualTo(9L);
        assertThat(Wire.trip(RelationProtos.unfollowRequest(9L)).getFollowedUid())
                .isEqualTo(9L);

        PageRequest page = new PageRequest(2, 20);
        var following = Wire.trip(RelationProtos.followingRequest(11, page));
        assertThat(following.getUserId()).isEqualTo(11);
        assertThat(CommonProtos.toPageRequest(following.getPage())).isEqualTo(page);
        var followers = Wire.trip(RelationProtos.followersRequest(12, page));
        assertThat(followers.getUserId()).isEqualTo(12);
        assertThat(CommonProtos.toPageRequest(followers.getPage())).isEqualTo(page);

        RelationCheckRequest check = Wire.trip(RelationProtos.checkRequest(List.of(3L, 1L, 3L)));
        assertThat(check.getUidsList()).containsExactly(3L, 1L, 3L);

        assertThat(RelationProtos.countRequest(13).getUserId()).isEqualTo(13);
        var ids = Wire.trip(RelationProtos.followingIdsRequest(14, 0));
        assertThat(List.of(ids.getUserId(), (long) ids.getMax())).containsExactly(14L, 0L);
    }
}
