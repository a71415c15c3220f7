package io.community.cluster.relation;

import io.community.cluster.grpc.ExactCache;
import io.community.cluster.grpc.RevocationSubscriber;
import io.community.cluster.grpc.SessionRevocations;
import io.community.cluster.service.UserBackend;
import io.community.proto.mapping.UserProtos;
import io.community.relation.UserDirectory;

import java.util.List;

/**
 * The relation context's view of users, answered by the user service's {@code Summaries}: a user
 * exists iff it is in the answer (deleted and unknown ids are left out), as the monolith's
 * in-process adapter decides. When the user service cannot answer, the request fails with its
 * SERVICE_UNAVAILABLE / DEADLINE_EXCEEDED instead of guessing either way.
 *
 * <p>Users known to exist are remembered ({@link ExactCache}) for the reads, so a follow count or
 * list costs no call to the user service: the cache is live only while the user service's events
 * are heard, and a user's entry leaves on its {@code userChanged} event (a deletion publishes one).
 * Writes always ask. Unknown ids are never remembered.
 */
public final class GrpcUserDirectory implements UserDirectory {
    private final UserBackend users;
    private final ExactCache<Long, Boolean> known;

    /** @param known made with {@link #forget} for its events; live once a {@link RevocationSubscriber} hears them */
    public GrpcUserDirectory(UserBackend users, ExactCache<Long, Boolean> known) {
        this.users = users;
        this.known = known;
    }

    /** What an event removes: the user it names. */
    public static void forget(ExactCache<Long, Boolean> known, SessionRevocations.Event event) {
        if (event instanceof SessionRevocations.UserChanged changed) {
            known.remove(changed.userId());
        }
    }

    /** What the subscriber keeps exact. */
    public RevocationSubscriber.Listener events() {
        return known;
    }

    @Override
    public boolean exists(long userId) {
        return known.load(userId, this::ask, Boolean::booleanValue, answer -> null);
    }

    @Override
    public boolean known(long userId) {
        return known.get(userId, this::ask, Boolean::booleanValue, answer -> null);
    }

    private Boolean ask(Long userId) {
        return users.call(stub -> stub.summaries(UserProtos.summariesRequest(List.of(userId))))
                .containsSummaries(userId);
    }
}
