package io.community.relation.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code relation_num} (sql/relation), as far as it is read; updated_at is written only. */
@MappedEntity("relation_num")
public record RelationNumEntity(@Id Long userId, long followingNum, long followerNum) {}
