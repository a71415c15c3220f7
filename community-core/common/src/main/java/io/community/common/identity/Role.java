package io.community.common.identity;

import java.util.Arrays;

/** A caller's role; {@code code} is what the database stores. */
public enum Role {
    USER(0),
    ADMIN(1);

    private final int code;

    Role(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Role fromCode(int code) {
        return Arrays.stream(values())
                .filter(r -> r.code == code)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role code " + code));
    }
}
