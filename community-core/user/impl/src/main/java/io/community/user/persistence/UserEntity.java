package io.community.user.persistence;

import io.community.common.persistence.UtcMicros;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import io.micronaut.data.model.DataType;

import java.time.Instant;

/**
 * A row of {@code user} (sql/user). Times go through {@link UtcMicros} (see there why); the role
 * is its numeric code. Holds the password hash, so it never leaves the persistence package:
 * {@link JdbcUserStore} hands out {@code User} and {@code Credentials} instead.
 */
@MappedEntity("user")
public record UserEntity(
        @Id @GeneratedValue @Nullable Long id,
        String name,
        String nickName,
        String email,
        String password,
        String phone,
        String avatar,
        int gender,
        int age,
        String birthday,

        @Nullable
        @TypeDef(type = DataType.LONG, converter = UtcMicros.class)
        @ColumnTransformer(read = UtcMicros.READ_PREFIX + "login_at" + UtcMicros.READ_SUFFIX, write = UtcMicros.WRITE)
        Instant loginAt,

        String loginIp,
        int status,
        int role,

        @TypeDef(type = DataType.LONG, converter = UtcMicros.class)
        @ColumnTransformer(read = UtcMicros.READ_PREFIX + "created_at" + UtcMicros.READ_SUFFIX, write = UtcMicros.WRITE)
        Instant createdAt,

        @TypeDef(type = DataType.LONG, converter = UtcMicros.class)
        @ColumnTransformer(read = UtcMicros.READ_PREFIX + "updated_at" + UtcMicros.READ_SUFFIX, write = UtcMicros.WRITE)
        Instant updatedAt,

        @Nullable
        @TypeDef(type = DataType.LONG, converter = UtcMicros.class)
        @ColumnTransformer(read = UtcMicros.READ_PREFIX + "deleted_at" + UtcMicros.READ_SUFFIX, write = UtcMicros.WRITE)
        Instant deletedAt) {

    @Override
    public String toString() {
        // never the password hash
        return "UserEntity{id=" + id + ", role=" + role + ", deleted=" + (deletedAt != null) + "}";
    }
}
