package io.community.creation.api;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A post a user keeps in their collection. */
@Serdeable
public record Collect(long id, long userId, long postId, Instant createdAt, Instant updatedAt) {}
