package io.community.user.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.community.common.identity.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A user as the user context hands it out. The password hash is not part of it, so it can
 * never leak into a response, a log line or the cache.
 *
 * <p>ALWAYS: users are cached as JSON, and serde's default would drop empty strings, which a
 * cache hit would then return as null.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record User(
        long id,
        String name,
        String nickName,
        String email,
        String phone,
        String avatar,
        int gender,
        int age,
        String birthday,
        @Nullable Instant loginAt,
        String loginIp,
        int status,
        Role role,
        Instant createdAt,
        Instant updatedAt) {

    public static final int STATUS_ACTIVE = 1;

    /**
     * The same user as seen by someone other than the user themself or an admin: no email, phone
     * or login address (null, not "", so that views leave them out).
     */
    public User withoutContactData() {
        return new User(
                id, name, nickName, null, null, avatar, gender, age, birthday, loginAt, null, status, role, createdAt,
                updatedAt);
    }
}
