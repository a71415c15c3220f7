package io.community.relation;

/**
 * What the relation context needs to know about users: whether one exists (and is not deleted).
 * A port, because this context must not import the user context: the monolith adapts the user
 * use cases to it, a relation service in the cluster asks the user service over gRPC.
 */
@FunctionalInterface
public interface UserDirectory {

    /** Asked of the user context now: for writes, which must not follow a user deleted a moment ago. */
    boolean exists(long userId);

    /**
     * For reads: may answer from a cache kept exact by the user context's events, so it can lag a
     * deletion by the time its event takes to arrive (milliseconds). In-process, {@link #exists}.
     */
    default boolean known(long userId) {
        return exists(userId);
    }
}
