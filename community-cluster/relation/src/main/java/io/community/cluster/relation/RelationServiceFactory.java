package io.community.cluster.relation;

import io.community.cluster.grpc.Authenticator;
import io.community.cluster.service.PublicMethods;
import io.community.cluster.service.RemoteSessionAuthenticator;
import io.community.cluster.service.UserBackend;
import io.community.common.token.TokenCodec;
import io.community.relation.UserDirectory;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** What the relation service adds to the shared runtime; the user context is reached over gRPC. */
@Factory
public class RelationServiceFactory {

    /** Every relation RPC needs a caller; the session is checked by the user service. */
    @Singleton
    Authenticator authenticator(TokenCodec tokens, UserBackend users) {
        return new RemoteSessionAuthenticator(tokens, users);
    }

    @Singleton
    PublicMethods publicMethods() {
        return PublicMethods.none();
    }

    @Singleton
    UserDirectory userDirectory(UserBackend users) {
        return new GrpcUserDirectory(users);
    }
}
