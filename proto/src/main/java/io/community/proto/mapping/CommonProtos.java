package io.community.proto.mapping;

import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.paging.PageRequest;
import io.community.proto.v1.ActorMessage;
import io.community.proto.v1.PageRequestMessage;
import io.community.proto.v1.RoleEnum;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Mapping of the shared kernel's records (Actor, Role, PageRequest), times, and the helpers the
 * per-context mappings share. Pure functions: no I/O, no framework.
 *
 * <p>Decoding rule of the whole package: a malformed <em>record</em> (a value a service produced)
 * fails with {@link IllegalArgumentException}, a contract bug; a malformed <em>request
 * parameter</em> fails with the same {@code DomainException} the monolith answers with, so an
 * error body through the gateway stays the monolith's.
 */
public final class CommonProtos {
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private CommonProtos() {}

    // --- times

    /**
     * Microseconds since the epoch. Sub-microsecond digits are dropped (towards the past, also
     * before 1970), exactly as the database's DATETIME(6) and {@code UtcMicros} do, so a stored
     * Instant round-trips unchanged.
     */
    public static long toMicros(Instant instant) {
        return Math.addExact(
                Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1_000L);
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(
                Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L);
    }

    // --- identity

    public static RoleEnum toProto(Role role) {
        return switch (role) {
            case USER -> RoleEnum.ROLE_USER;
            case ADMIN -> RoleEnum.ROLE_ADMIN;
        };
    }

    /** Strict: a role always exists; UNSPECIFIED or a number from a newer contract is a bug. */
    public static Role toRole(RoleEnum role) {
        return switch (role) {
            case ROLE_USER -> Role.USER;
            case ROLE_ADMIN -> Role.ADMIN;
            case ROLE_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("no role: " + role);
        };
    }

    public static ActorMessage toProto(Actor actor) {
        return ActorMessage.newBuilder()
                .setUserId(actor.userId())
                .setRole(toProto(actor.role()))
                .build();
    }

    public static Actor toActor(ActorMessage message) {
        return new Actor(message.getUserId(), toRole(message.getRole()));
    }

    // --- paging

    public static PageRequestMessage toProto(PageRequest page) {
        return PageRequestMessage.newBuilder()
                .setPage(page.page())
                .setLimit(page.limit())
                .build();
    }

    /**
     * Validated by {@link PageRequest}'s constructor: a bad page or limit (also an unset page
     * message, whose limit is 0) is the same 400 (INVALID_PARAMS, field errors) as in the monolith.
     */
    public static PageRequest toPageRequest(PageRequestMessage message) {
        return new PageRequest(message.getPage(), message.getLimit());
    }

    // --- optional fields

    /**
     * An {@code optional} field as a nullable value. Read optional fields only this way, as in
     * {@code nullable(r.hasContent(), r.getContent())}: the bare getter answers 0 or ""
     * for an unset field, which the use cases would take as a real value.
     */
    public static Long nullable(boolean present, long value) {
        return present ? value : null;
    }

    public static Integer nullable(boolean present, int value) {
        return present ? value : null;
    }

    public static Double nullable(boolean present, double value) {
        return present ? value : null;
    }

    public static String nullable(boolean present, String value) {
        return present ? value : null;
    }

    /** Sets an {@code optional} field only for a non-null value (protobuf setters reject null). */
    static <T> void setIfPresent(T value, Consumer<? super T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
