package io.community.user.api;

import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.micronaut.core.annotation.Nullable;

import java.util.Collection;
import java.util.Map;

/**
 * The user context's port: what the HTTP adapter, the other contexts' composition code and,
 * in the cluster, the gRPC endpoint call. Implemented in-process by the user service and
 * remotely by the gateway's gRPC client. Every failure is a {@code DomainException}.
 */
public interface UserUseCases {

    /**
     * Mails a 6-digit code valid for 10 minutes; one send per email per 60 s and a daily number of
     * sends per client address (429 with a retry time); 503 with a retry time while the store of
     * codes is unavailable. {@code clientIp} is the HTTP client's address; null if unknown.
     */
    void sendEmailCode(String email, @Nullable String clientIp);

    /** Creates a user after checking the mailed code; returns the new id. */
    long register(String email, String emailCode, String password);

    /** Opens a new session. Unknown email and wrong password fail alike. */
    LoginResult login(String email, String password, String clientIp);

    /** Verifies a bearer token and its session; the caller identity for every other use case. */
    Actor authenticate(String token);

    /** Revokes the presented session, which must be the actor's (403). */
    void logout(Actor actor, String presentedToken);

    User get(Actor actor, long id);

    void update(Actor actor, long id, ProfileChanges changes);

    /** Soft delete; every session of the user is revoked. */
    void delete(Actor actor, long id);

    /** Admin only. */
    Page<User> list(Actor actor, UserQuery query);

    /** Self only; the old password is required and every session of the user is revoked. */
    void changePassword(Actor actor, long id, String oldPassword, String newPassword);

    /** Batch lookup for composition ({@code author}); deleted and unknown ids are absent from the map. */
    Map<Long, UserSummary> summaries(Collection<Long> ids);
}
