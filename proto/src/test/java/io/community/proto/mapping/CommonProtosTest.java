package io.community.proto.mapping;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.paging.PageRequest;
import io.community.proto.v1.ActorMessage;
import io.community.proto.v1.PageRequestMessage;
import io.community.proto.v1.RoleEnum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Arrays;

import static io.community.proto.mapping.CommonProtos.nullable;
import static io.community.proto.mapping.CommonProtos.toInstant;
import static io.community.proto.mapping.CommonProtos.toMicros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommonProtosTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-03-14T15:09:26.535897Z",
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999999Z",
                "1900-06-01T12:00:00.000001Z",
                "2100-12-31T23:59:59.999999Z"
            })
    void microsPrecisionInstantsRoundTripExactly(String text) {
        Instant instant = Instant.parse(text);
        assertThat(toInstant(toMicros(instant))).isEqualTo(instant);
    }

    @Test
    void microsAreCountedFromTheEpoch() {
        assertThat(toMicros(Instant.EPOCH)).isZero();
        assertThat(toMicros(Instant.parse("1970-01-01T00:00:01.000002Z"))).isEqualTo(1_000_002L);
        assertThat(toMicros(Instant.parse("1969-12-31T23:59:59.999999Z"))).isEqualTo(-1L);
    }

    @Test
    void subMicrosecondDigitsAreDroppedTowardsThePastAsTheDatabaseDoes() {
        assertThat(toInstant(toMicros(Instant.parse("2025-03-14T15:09:26.535897999Z"))))
                .isEqualTo(Instant.parse("2025-03-14T15:09:26.535897Z"));
        assertThat(toInstant(toMicros(Instant.parse("1969-12-31T23:59:59.999999999Z"))))
                .isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRoleRoundTrips(Role role) {
        assertThat(CommonProtos.toRole(Wire.trip(ActorMessage.newBuilder()
                                .setRole(CommonProtos.toProto(role))
                                .build())
                        .getRole()))
                .isEqualTo(role);
    }

    @Test
    void rolesAreDistinctOnTheWireAndNoneIsUnspecified() {
        assertThat(Arrays.stream(Role.values()).map(CommonProtos::toProto))
                .doesNotHaveDuplicates()
                .doesNotContain(RoleEnum.ROLE_UNSPECIFIED, RoleEnum.UNRECOGNIZED);
    }

    @Test
    void anUnspecifiedOrUnknownRoleIsAContractBug() {
        assertThatThrownBy(() -> CommonProtos.toRole(RoleEnum.ROLE_UNSPECIFIED))
                .isInstanceOf(IllegalArgumentException.class);
        ActorMessage fromNewerContract = Wire.trip(
                ActorMessage.newBuilder().setUserId(1).setRoleValue(99).build());
        assertThatThrownBy(() -> CommonProtos.toActor(fromNewerContract)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void actorRoundTrips(Role role) {
        Actor actor = new Actor(9_007_199_254_740_993L, role);
        ActorMessage message = Wire.trip(CommonProtos.toProto(actor));
        Wire.assertEveryFieldSet(message);
        assertThat(CommonProtos.toActor(message)).isEqualTo(actor);
    }

    @Test
    void pageRequestRoundTrips() {
        for (PageRequest page : new PageRequest[] {new PageRequest(0, 1), new PageRequest(7, 100)}) {
            assertThat(CommonProtos.toPageRequest(Wire.trip(CommonProtos.toProto(page))))
                    .isEqualTo(page);
        }
    }

    @Test
    void aBadOrMissingPageIsTheMonolithsInvalidParams() {
        PageRequestMessage bad =
                PageRequestMessage.newBuilder().setPage(-1).setLimit(101).build();
        assertThatThrownBy(() -> CommonProtos.toPageRequest(bad)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.reason()).isEqualTo(ErrorReason.INVALID_PARAMS);
            assertThat(e.fieldErrors()).extracting("field").containsExactly("page", "limit");
        });
        assertThatThrownBy(() -> CommonProtos.toPageRequest(PageRequestMessage.getDefaultInstance()))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.INVALID_PARAMS));
    }

    @Test
    void nullableKeepsPresenceApartFromDefaultValues() {
        assertThat(nullable(false, 0L)).isNull();
        assertThat(nullable(true, 0L)).isZero();
        assertThat(nullable(false, 0)).isNull();
        assertThat(nullable(true, 0)).isZero();
        assertThat(nullable(false, 0.0)).isNull();
        assertThat(nullable(true, -0.0)).isEqualTo(-0.0);
        assertThat(nullable(false, "")).isNull();
        assertThat(nullable(true, "")).isEmpty();
    }
}
