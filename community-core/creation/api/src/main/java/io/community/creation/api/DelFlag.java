package io.community.creation.api;

import java.util.Arrays;
import java.util.Optional;

/** Soft-delete marker of posts and comments: 0 live, 1 deleted by the owner, 2 deleted by an admin. */
public enum DelFlag {
    NONE(0),
    BY_OWNER(1),
    BY_ADMIN(2);

    private final int code;

    DelFlag(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<DelFlag> fromCode(int code) {
        return Arrays.stream(values()).filter(f -> f.code == code).findFirst();
    }
}
