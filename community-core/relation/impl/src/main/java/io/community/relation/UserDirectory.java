package io.community.relation;

/**
 * What the relation context needs to know about users: whether one exists (and is not deleted).
 * A port, because this context must not import the user context: the monolith adapts the user
 * use cases to it, a relation service in the cluster asks the user service over gRPC.
 */
@FunctionalInterface
public interface UserDirectory {

    boolean exists(long userId);
}
