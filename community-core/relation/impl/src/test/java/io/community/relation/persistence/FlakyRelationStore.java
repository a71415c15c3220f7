package io.community.relation.persistence;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.SQLTransactionRollbackException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real JDBC store, except that a follow fails after its writes as often as asked: how a
 * deadlock victim looks to the service. Only in contexts with {@code test.flaky-store=true}.
 */
@Singleton
@Named("jdbc")
@Replaces(JdbcRelationStore.class)
@Requires(property = "test.flaky-store", value = "true")
class FlakyRelationStore extends JdbcRelationStore {
    final AtomicInteger deadlocksLeft = new AtomicInteger();
    volatile RuntimeException failure;
    /** What each attempt's insert reported, in order. */
    final List<Boolean> attempts = Collections.synchronizedList(new ArrayList<>());

    FlakyRelationStore(RelationRepository repository) {
        super(repository);
    }

    void reset() {
        deadlocksLeft.set(0);
        failure = null;
        attempts.clear();
    }

    @Override
    public boolean follow(long userId, long followedUid, Instant at) {
        boolean changed = super.follow(userId, followedUid, at);
        attempts.add(changed);
        if (deadlocksLeft.getAndDecrement() > 0) {
            throw new DataAccessException(
                    "Error executing SQL UPDATE: Deadlock found",
                    new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213));
        }
        if (failure != null) {
            throw failure;
        }
        return changed;
    }
}
