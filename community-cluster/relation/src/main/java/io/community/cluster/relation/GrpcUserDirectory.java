package io.community.cluster.relation;

import io.community.cluster.service.UserBackend;
import io.community.proto.mapping.UserProtos;
import io.community.relation.UserDirectory;

import java.util.List;

/**
 * The relation context's view of users, answered by the user service's {@code Summaries}: a user
 * exists iff it is in the answer (deleted and unknown ids are left out), as the monolith's
 * in-process adapter decides. When the user service cannot answer, the follow fails with its
 * SERVICE_UNAVAILABLE / DEADLINE_EXCEEDED instead of guessing either way.
 */
public final class GrpcUserDirectory implements UserDirectory {
    private final UserBackend users;

    public GrpcUserDirectory(UserBackend users) {
        this.users = users;
    }

    @Override
    public boolean exists(long userId) {
        return users.call(stub -> stub.summaries(UserProtos.summariesRequest(List.of(userId))))
                .containsSummaries(userId);
    }
}
