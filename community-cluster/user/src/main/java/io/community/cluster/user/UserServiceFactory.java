package io.community.cluster.user;

import io.community.cluster.service.InternalMethods;
import io.community.cluster.service.PublicMethods;
import io.community.proto.v1.UserServiceGrpc;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** What the user service adds to the shared runtime: who may call without a caller, and who only as a member. */
@Factory
public class UserServiceFactory {

    /**
     * Sign-up and login need no caller; Authenticate verifies the token of its request (the other
     * services ask it), and Summaries serves composition (authors), neither needs a caller either.
     */
    @Singleton
    PublicMethods publicMethods() {
        return PublicMethods.of(
                UserServiceGrpc.getSendEmailCodeMethod(),
                UserServiceGrpc.getRegisterMethod(),
                UserServiceGrpc.getLoginMethod(),
                UserServiceGrpc.getAuthenticateMethod(),
                UserServiceGrpc.getSummariesMethod());
    }

    /**
     * Authenticate and Summaries serve the other members of the cluster only (session checks and
     * author lookups): they need no caller, but the cluster's internal credential.
     */
    @Singleton
    InternalMethods internalMethods() {
        return InternalMethods.of(UserServiceGrpc.getAuthenticateMethod(), UserServiceGrpc.getSummariesMethod());
    }
}
