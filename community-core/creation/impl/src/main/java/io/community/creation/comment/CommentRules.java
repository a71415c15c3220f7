package io.community.creation.comment;

import io.community.common.error.DomainException;
import io.community.creation.api.DelFlag;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * Input rules of comments. Lengths are counted in characters (code points), so an emoji counts
 * once, as a reader would count it.
 */
final class CommentRules {
    static final int MAX_CONTENT = 2000;
    static final int MAX_DEVICE_TYPE = 50;
    static final int MAX_IP = 45;
    static final int MAX_IDS = 100;

    private CommentRules() {}

    static String content(@Nullable String content) {
        if (content == null || content.isBlank()) {
            throw DomainException.invalidField("content", "must not be blank");
        }
        if (content.codePointCount(0, content.length()) > MAX_CONTENT) {
            throw DomainException.invalidField("content", "at most " + MAX_CONTENT + " characters");
        }
        return content;
    }

    static String deviceType(@Nullable String deviceType) {
        if (deviceType == null) {
            return "";
        }
        if (deviceType.codePointCount(0, deviceType.length()) > MAX_DEVICE_TYPE) {
            throw DomainException.invalidField("deviceType", "at most " + MAX_DEVICE_TYPE + " characters");
        }
        return deviceType;
    }

    /** The transport's address of the connection; a longer one than IPv6 allows is not an address. */
    static String ip(@Nullable String clientIp) {
        if (clientIp == null) {
            return "";
        }
        return clientIp.length() > MAX_IP ? clientIp.substring(0, MAX_IP) : clientIp;
    }

    static DelFlag deleteFlag(@Nullable DelFlag flag) {
        if (flag == null || flag == DelFlag.NONE) {
            throw DomainException.invalidField("delFlag", "must be 1 (by the owner) or 2 (by an admin)");
        }
        return flag;
    }

    static List<Long> ids(@Nullable List<Long> ids) {
        if (ids == null || ids.isEmpty() || ids.size() > MAX_IDS) {
            throw DomainException.invalidField("ids", "must hold 1 to " + MAX_IDS + " ids");
        }
        if (ids.stream().anyMatch(id -> id == null)) {
            throw DomainException.invalidField("ids", "must not hold null");
        }
        return ids;
    }
}
