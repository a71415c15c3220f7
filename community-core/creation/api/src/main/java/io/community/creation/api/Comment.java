package io.community.creation.api;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A comment; {@code parentId} 0 for a top-level comment, else the comment it replies to. */
@Serdeable
public record Comment(
        long id,
        long postId,
        long userId,
        String content,
        long parentId,
        long replyCount,
        long likeCount,
        double score,
        DelFlag delFlag,
        Instant createdAt,
        Instant updatedAt,
        String deviceType,
        String ip) {}
