package io.community.creation.api;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A post. {@code content} is the JSON document of the REST contract (OpenAPI document): {@code {"text":…}},
 * {@code {"text":…,"pic":[keys]}} or {@code {"text":…,"video":{…}}}.
 */
@Serdeable
public record Post(
        long id,
        PostType postType,
        long userId,
        String title,
        String content,
        long viewCount,
        long likeCount,
        long commentCount,
        long collectCount,
        long shareCount,
        DelFlag delFlag,
        int visible,
        double longitude,
        double latitude,
        String position,
        Instant createdAt,
        Instant updatedAt) {}
