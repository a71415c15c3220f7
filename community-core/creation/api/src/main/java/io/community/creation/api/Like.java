package io.community.creation.api;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A user's like on a post or a comment. {@code status} 1 while the like stands. */
@Serdeable
public record Like(
        long id, long userId, LikeTarget objType, long objId, int status, Instant createdAt, Instant updatedAt) {}
