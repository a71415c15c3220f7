package io.community.relation;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.error.FieldError;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.common.testing.MutableClock;
import io.community.relation.api.RelationCount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Use cases against in-memory fakes of their ports: rules, not storage. */
class RelationServiceTest {
    private static final Actor ALICE = new Actor(1, Role.USER);
    private static final long BOB = 2;
    private static final long CAROL = 3;
    private static final long UNKNOWN = 99;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00.123456789Z"));
    private final Set<Long> users = new HashSet<>(Set.of(1L, 2L, 3L, 4L, 5L));
    private FakeRelationStore store;
    private RelationService service;

    @BeforeEach
    void setUp() {
        store = new FakeRelationStore();
        service = new RelationService(store, users::contains, clock);
    }

    private static void assertReason(Runnable call, ErrorReason reason) {
        assertThatThrownBy(call::run)
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).reason())
                .isEqualTo(reason);
    }

    private static List<FieldError> fieldErrors(Runnable call) {
        try {
            call.run();
        } catch (DomainException e) {
            assertThat(e.reason()).isEqualTo(ErrorReason.INVALID_PARAMS);
            return e.fieldErrors();
        }
        throw new AssertionError("no DomainException");
    }

    private void followInTurn(Actor who, long... whom) {
        for (long uid : whom) {
            clock.advance(Duration.ofSeconds(1));
            service.follow(who, uid);
        }
    }

    @Test
    void followShowsInListsCountsAndChecks() {
        service.follow(ALICE, BOB);

        assertThat(service.following(ALICE.userId(), new PageRequest(0, 10))).isEqualTo(new Page<>(List.of(BOB), 1));
        assertThat(service.followers(BOB, new PageRequest(0, 10))).isEqualTo(new Page<>(List.of(ALICE.userId()), 1));
        assertThat(service.count(ALICE.userId())).isEqualTo(new RelationCount(1, 0));
        assertThat(service.count(BOB)).isEqualTo(new RelationCount(0, 1));
        assertThat(service.check(ALICE, List.of(BOB, CAROL)))
                .containsExactly(java.util.Map.entry(BOB, true), java.util.Map.entry(CAROL, false));
        // following is not mutual
        assertThat(service.check(new Actor(BOB, Role.USER), List.of(ALICE.userId())))
                .containsEntry(ALICE.userId(), false);
    }

    @Test
    void followAndUnfollowAreIdempotent() {
        service.follow(ALICE, BOB);
        service.follow(ALICE, BOB);
        assertThat(service.count(BOB)).isEqualTo(new RelationCount(0, 1));

        service.unfollow(ALICE, BOB);
        service.unfollow(ALICE, BOB);
        assertThat(service.count(BOB)).isEqualTo(new RelationCount(0, 0));
        assertThat(service.count(ALICE.userId())).isEqualTo(new RelationCount(0, 0));
        assertThat(service.followers(BOB, new PageRequest(0, 10)).items()).isEmpty();

        // re-follow after unfollow (the reference answered 500 here)
        service.follow(ALICE, BOB);
        assertThat(service.count(BOB)).isEqualTo(new RelationCount(0, 1));
    }

    @Test
    void theStoreGetsTimesTruncatedToMicroseconds() {
        service.follow(ALICE, BOB);
        clock.advance(Duration.ofNanos(100)); // same microsecond: insertion order decides
        service.follow(ALICE, CAROL);
        assertThat(service.following(ALICE.userId(), new PageRequest(0, 10)).items())
                .containsExactly(CAROL, BOB);
    }

    @Test
    void cannotFollowOrUnfollowYourself() {
        assertReason(() -> service.follow(ALICE, ALICE.userId()), ErrorReason.CANNOT_FOLLOW_SELF);
        assertReason(() -> service.unfollow(ALICE, ALICE.userId()), ErrorReason.CANNOT_FOLLOW_SELF);
        assertThat(ErrorReason.CANNOT_FOLLOW_SELF.code()).isEqualTo(20506);
        assertThat(store.writes).isZero();
    }

    @Test
    void followingAnUnknownOrDeletedUserIsNotFound() {
        assertReason(() -> service.follow(ALICE, UNKNOWN), ErrorReason.NOT_FOUND);
        assertReason(() -> service.follow(ALICE, 0), ErrorReason.NOT_FOUND);
        assertReason(() -> service.follow(ALICE, -5), ErrorReason.NOT_FOUND);
        assertThat(store.writes).isZero();
    }

    @Test
    void aFollowOfAUserDeletedSinceCanStillBeRemoved() {
        service.follow(ALICE, BOB);
        users.remove(BOB);

        service.unfollow(ALICE, BOB);
        assertThat(service.count(ALICE.userId())).isEqualTo(new RelationCount(0, 0));
        // never existed: nothing to do, no error
        service.unfollow(ALICE, UNKNOWN);
    }

    @Test
    void listsAreNewestFirstAndPaged() {
        followInTurn(ALICE, 2, 3, 4, 5);
        followInTurn(new Actor(3, Role.USER), 2);
        followInTurn(new Actor(4, Role.USER), 2);

        assertThat(service.following(1, new PageRequest(0, 3))).isEqualTo(new Page<>(List.of(5L, 4L, 3L), 4));
        assertThat(service.following(1, new PageRequest(1, 3))).isEqualTo(new Page<>(List.of(2L), 4));
        assertThat(service.following(1, new PageRequest(2, 3))).isEqualTo(new Page<>(List.of(), 4));
        assertThat(service.followers(2, new PageRequest(0, 100))).isEqualTo(new Page<>(List.of(4L, 3L, 1L), 3));
        assertThat(service.following(5, new PageRequest(0, 10))).isEqualTo(new Page<>(List.of(), 0));

        // unfollow and follow again: the follow is new, so it is the newest
        service.unfollow(ALICE, 2);
        followInTurn(ALICE, 2);
        assertThat(service.following(1, new PageRequest(0, 10)).items()).containsExactly(2L, 5L, 4L, 3L);
        assertThat(service.followingIds(1, 2)).containsExactly(2L, 5L);
        assertThat(service.followingIds(1, 100)).containsExactly(2L, 5L, 4L, 3L);
        assertThat(service.followingIds(1, 0)).isEmpty();
        assertReason(() -> service.followingIds(1, -1), ErrorReason.INVALID_PARAMS);
    }

    @Test
    void listsAndCountsOfUnknownUsersAreNotFound() {
        assertReason(() -> service.following(UNKNOWN, new PageRequest(0, 10)), ErrorReason.NOT_FOUND);
        assertReason(() -> service.followers(UNKNOWN, new PageRequest(0, 10)), ErrorReason.NOT_FOUND);
        assertReason(() -> service.count(UNKNOWN), ErrorReason.NOT_FOUND);
        assertReason(() -> service.count(0), ErrorReason.NOT_FOUND);
    }

    @Test
    void pagingOutsideItsBoundsIsRejected() {
        assertThat(fieldErrors(() -> service.following(1, new PageRequest(-1, 10))))
                .extracting(FieldError::field)
                .containsExactly("page");
        assertThat(fieldErrors(() -> service.followers(1, new PageRequest(0, 101))))
                .extracting(FieldError::field)
                .containsExactly("limit");
        assertThat(fieldErrors(() -> PageRequest.of(0, 0)))
                .extracting(FieldError::field)
                .containsExactly("limit");
    }

    @Test
    void checkTakesOneToAHundredIdsInTheirOrder() {
        followInTurn(ALICE, 4, 2);
        List<Long> hundred = LongStream.rangeClosed(1, 100).boxed().toList();

        assertThat(service.check(ALICE, hundred))
                .hasSize(100)
                .containsEntry(2L, true)
                .containsEntry(4L, true)
                .containsEntry(3L, false)
                .containsEntry(1L, false);
        assertThat(service.check(ALICE, List.of(5L, 4L, 99L, 4L)).keySet()).containsExactly(5L, 4L, 99L);

        List<Long> tooMany = new ArrayList<>(hundred);
        tooMany.add(101L);
        assertThat(fieldErrors(() -> service.check(ALICE, tooMany)))
                .extracting(FieldError::field)
                .containsExactly("uids");
        assertThat(fieldErrors(() -> service.check(ALICE, List.of())))
                .extracting(FieldError::field)
                .containsExactly("uids");
        assertThat(fieldErrors(() -> service.check(ALICE, null)))
                .extracting(FieldError::field)
                .containsExactly("uids");
        assertThat(fieldErrors(() -> service.check(ALICE, Arrays.asList(2L, null))))
                .extracting(FieldError::field)
                .containsExactly("uids");
    }
}
