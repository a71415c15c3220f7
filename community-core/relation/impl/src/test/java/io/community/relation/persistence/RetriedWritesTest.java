package io.community.relation.persistence;

import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.relation.RelationStore;
import io.community.relation.api.RelationCount;
import io.community.relation.api.RelationUseCases;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service's retry wraps its transaction: an attempt the database aborted is rolled back
 * before the next one runs (each attempt inserts anew), and only transient failures are retried.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetriedWritesTest {
    private ApplicationContext context;
    private FlakyRelationStore flaky;
    private RelationStore store;
    private RelationUseCases service;
    private long next = 10;

    @BeforeAll
    void start() {
        context = ApplicationContext.run(
                Map.of(
                        "datasources.default.url",
                                "jdbc:h2:mem:relationretry;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                        "datasources.default.username", "sa",
                        "datasources.default.password", "",
                        "test.flaky-store", "true"),
                "test");
        flaky = (FlakyRelationStore) context.getBean(RelationStore.class, Qualifiers.byName("jdbc"));
        store = context.getBean(RelationStore.class);
        service = context.getBean(RelationUseCases.class);
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @BeforeEach
    void reset() {
        flaky.reset();
    }

    private long user() {
        return next += 10;
    }

    @Test
    void anAbortedAttemptIsRolledBackAndRunAgain() {
        long a = user();
        long b = user();
        flaky.deadlocksLeft.set(2);

        service.follow(new Actor(a, Role.USER), b);

        // true three times: the first two inserts were undone, so the third one inserted again
        assertThat(flaky.attempts).containsExactly(true, true, true);
        assertThat(store.count(a)).isEqualTo(new RelationCount(1, 0));
        assertThat(store.count(b)).isEqualTo(new RelationCount(0, 1));
        assertThat(store.followingIds(a, 10)).containsExactly(b);
    }

    @Test
    void otherFailuresAreNotRetriedAndLeaveNothingBehind() {
        long a = user();
        long b = user();
        flaky.failure = new IllegalStateException("not a database hiccup");

        assertThatThrownBy(() -> service.follow(new Actor(a, Role.USER), b)).isInstanceOf(IllegalStateException.class);

        assertThat(flaky.attempts).containsExactly(true);
        assertThat(store.count(a)).isEqualTo(RelationCount.NONE);
        assertThat(store.followingIds(a, 10)).isEmpty();
    }

    @Test
    void retriesAreBounded() {
        long a = user();
        long b = user();
        flaky.deadlocksLeft.set(Integer.MAX_VALUE);

        assertThatThrownBy(() -> service.follow(new Actor(a, Role.USER), b)).isInstanceOf(DataAccessException.class);

        assertThat(flaky.attempts).hasSizeBetween(2, 10).containsOnly(true);
        assertThat(store.followingIds(a, 10)).isEmpty();
    }
}
