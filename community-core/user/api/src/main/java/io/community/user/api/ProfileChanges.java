package io.community.user.api;

import io.micronaut.core.annotation.Nullable;

/** A partial profile update: null fields stay as they are. */
public record ProfileChanges(
        @Nullable String name,
        @Nullable String nickName,
        @Nullable String phone,
        @Nullable String avatar,
        @Nullable Integer gender,
        @Nullable Integer age,
        @Nullable String birthday) {}
