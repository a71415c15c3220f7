package io.community.relation.api;

import io.micronaut.serde.annotation.Serdeable;

/** How many users a user follows and how many follow them. */
@Serdeable
public record RelationCount(long followingNum, long followerNum) {
    public static final RelationCount NONE = new RelationCount(0, 0);
}
