package io.community.creation.api;

import java.util.Arrays;
import java.util.Optional;

/** What a like is on ({@code objType}): 1 post, 2 comment. */
public enum LikeTarget {
    POST(1),
    COMMENT(2);

    private final int code;

    LikeTarget(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<LikeTarget> fromCode(int code) {
        return Arrays.stream(values()).filter(t -> t.code == code).findFirst();
    }
}
