package io.community.common.tx;

/**
 * Runs an action once the current transaction has committed, or at once when there is none.
 * Cache invalidation goes through here: invalidating before commit lets a concurrent reader
 * put the old row back into the cache.
 */
@FunctionalInterface
public interface AfterCommit {

    void run(Runnable action);

    /** For code and tests without transactions. */
    static AfterCommit immediate() {
        return Runnable::run;
    }
}
