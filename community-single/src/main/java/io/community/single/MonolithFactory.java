package io.community.single;

import io.community.relation.UserDirectory;
import io.community.user.api.UserUseCases;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.util.List;

/** Cross-context wiring: lives in the monolith because only here do both contexts run in one process. */
@Factory
public class MonolithFactory {

    /** The relation context asks the user context in-process; in the cluster the relation service gets a gRPC-backed one. */
    @Singleton
    UserDirectory userDirectory(UserUseCases users) {
        return id -> !users.summaries(List.of(id)).isEmpty();
    }
}
