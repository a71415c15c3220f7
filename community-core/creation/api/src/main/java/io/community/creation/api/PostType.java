package io.community.creation.api;

import java.util.Arrays;

/** What a post holds; {@code code} is the stored and transmitted number. */
public enum PostType {
    TEXT(1),
    IMAGE(2),
    VIDEO(3);

    private final int code;

    PostType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static PostType fromCode(int code) {
        return Arrays.stream(values())
                .filter(t -> t.code == code)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown post type " + code));
    }
}
