package io.community.cluster.grpc;

import io.community.common.error.DomainException;
import io.community.common.identity.Actor;

/**
 * Verifies a bearer token and names its caller. Each service verifies the forwarded token again
 * (signature and expiry locally, the session through the user context), so no service trusts a bare
 * user id sent by another process.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * @param token the raw token, without the {@code Bearer } prefix; may be empty
     * @return the caller, never null
     * @throws DomainException NOT_LOGGED_IN or TOKEN_INVALID (or any other reason, e.g.
     *                         SERVICE_UNAVAILABLE when the session cannot be checked)
     */
    Actor authenticate(String token);
}
