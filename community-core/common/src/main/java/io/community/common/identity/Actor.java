package io.community.common.identity;

import io.community.common.error.DomainException;

/**
 * The authenticated caller, established by the transport from a verified token and passed
 * into every use case. Use cases never take the caller from a request body.
 */
public record Actor(long userId, Role role) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean is(long otherUserId) {
        return userId == otherUserId;
    }

    public void requireSelf(long targetUserId) {
        if (!is(targetUserId)) {
            throw DomainException.forbidden("only the user themself may do this");
        }
    }

    public void requireSelfOrAdmin(long targetUserId) {
        if (!is(targetUserId) && !isAdmin()) {
            throw DomainException.forbidden("only the user themself or an admin may do this");
        }
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw DomainException.forbidden("admin only");
        }
    }
}
