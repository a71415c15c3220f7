package io.community.cluster.grpc;

import io.community.common.error.DomainException;
import io.community.common.identity.Actor;

/**
 * Verifies the bearer token of a call and names its caller. In the services it is the caller token
 * the gateway signed after checking the session ({@link InternalCredential#verifyCaller}), so no
 * service trusts a bare user id sent by another process, and none checks the session again.
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
