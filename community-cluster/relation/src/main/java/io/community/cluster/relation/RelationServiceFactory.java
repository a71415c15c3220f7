package io.community.cluster.relation;

import io.community.cluster.service.PublicMethods;
import io.community.cluster.service.UserBackend;
import io.community.relation.UserDirectory;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** What the relation service adds to the shared runtime; the user context is reached over gRPC. */
@Factory
public class RelationServiceFactory {

    /** Every relation RPC needs a caller, the one the gateway vouches for (verified locally). */
    @Singleton
    PublicMethods publicMethods() {
        return PublicMethods.none();
    }

    @Singleton
    UserDirectory userDirectory(UserBackend users) {
        return new GrpcUserDirectory(users);
    }
}
