package io.community.cluster.creation;

import io.community.cluster.service.PublicMethods;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * What the creation service adds to the shared runtime: every RPC needs a caller, the one the
 * gateway vouches for (verified locally; no call to the user service).
 */
@Factory
public class CreationServiceFactory {

    @Singleton
    PublicMethods publicMethods() {
        return PublicMethods.none();
    }
}
