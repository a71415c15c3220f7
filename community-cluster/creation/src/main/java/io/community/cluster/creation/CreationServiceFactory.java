package io.community.cluster.creation;

import io.community.cluster.grpc.Authenticator;
import io.community.cluster.service.PublicMethods;
import io.community.cluster.service.RemoteSessionAuthenticator;
import io.community.cluster.service.UserBackend;
import io.community.common.token.TokenCodec;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** What the creation service adds to the shared runtime: every RPC needs a caller, checked by the user service. */
@Factory
public class CreationServiceFactory {

    @Singleton
    Authenticator authenticator(TokenCodec tokens, UserBackend users) {
        return new RemoteSessionAuthenticator(tokens, users);
    }

    @Singleton
    PublicMethods publicMethods() {
        return PublicMethods.none();
    }
}
