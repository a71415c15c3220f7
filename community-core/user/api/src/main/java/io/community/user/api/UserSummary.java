package io.community.user.api;

import io.micronaut.serde.annotation.Serdeable;

/** What other contexts embed as a post's or comment's {@code author}. */
@Serdeable
public record UserSummary(long id, String name, String nickName, String avatar) {}
