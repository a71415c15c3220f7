package io.community.relation.persistence;

import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.relation.RelationStore;
import io.community.relation.api.RelationCount;
import io.community.relation.api.RelationUseCases;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JdbcRelationStore} against a real database, run once on MariaDB and once on H2 in MySQL
 * mode (the embedded default), so that the same SQL is proven on both. Each test takes fresh user
 * ids, so tests share one schema without seeing each other's rows.
 *
 * <p>The concurrency tests go through the service bean: its transaction plus retry boundary is
 * what production runs, and InnoDB does abort some of these transactions with a deadlock.
 * Counters are checked on the raw columns, not through the store.
 *
 * <p>Runs with the JVM's default zone set to Europe/Berlin (a DST zone), as the user store tests do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RelationStoreContract {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final int THREADS = 50;

    private final TimeZone originalZone = TimeZone.getDefault();
    private final AtomicLong nextId = new AtomicLong(1000);
    private ApplicationContext context;
    private DataSource raw;
    RelationStore store;
    RelationUseCases service;

    abstract Map<String, Object> properties();

    @BeforeAll
    void start() {
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        context = ApplicationContext.run(properties(), "test");
        store = context.getBean(RelationStore.class, Qualifiers.byName("jdbc"));
        service = context.getBean(RelationUseCases.class);
        raw = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
        TimeZone.setDefault(originalZone);
    }

    /** A user id no other test uses. */
    long user() {
        return nextId.getAndAdd(1000);
    }

    private static Actor actor(long id) {
        return new Actor(id, Role.USER);
    }

    @Test
    void followWritesBothRowsAndCountsBothSidesOnce() throws Exception {
        long a = user();
        long b = user();

        assertThat(store.follow(a, b, T0)).isTrue();
        assertThat(store.follow(a, b, T0.plusSeconds(1))).isFalse();

        assertThat(rows(a, b)).isEqualTo(1);
        assertThat(rawLong("SELECT COUNT(*) FROM user_follower WHERE user_id = " + b + " AND follower_uid = " + a))
                .isEqualTo(1);
        assertThat(rawCounters(a)).isEqualTo("1/0");
        assertThat(rawCounters(b)).isEqualTo("0/1");
        assertThat(store.count(a)).isEqualTo(new RelationCount(1, 0));
        assertThat(store.count(b)).isEqualTo(new RelationCount(0, 1));
        // the second follow changed nothing, not even the time
        assertThat(rawString("SELECT CAST(created_at AS CHAR(26)) FROM user_following WHERE user_id = " + a))
                .isEqualTo("2026-01-02 03:04:05.123456");
    }

    @Test
    void unfollowDeletesBothRowsAndUncountsOnceThenRefollowWorks() throws Exception {
        long a = user();
        long b = user();
        store.follow(a, b, T0);

        assertThat(store.unfollow(a, b, T0.plusSeconds(1))).isTrue();
        assertThat(store.unfollow(a, b, T0.plusSeconds(2))).isFalse();

        assertThat(rows(a, b)).isZero();
        assertThat(rawLong("SELECT COUNT(*) FROM user_follower WHERE user_id = " + b))
                .isZero();
        assertThat(rawCounters(a)).isEqualTo("0/0");
        assertThat(rawCounters(b)).isEqualTo("0/0");

        assertThat(store.follow(a, b, T0.plusSeconds(3))).isTrue();
        assertThat(rows(a, b)).isEqualTo(1);
        assertThat(rawCounters(a)).isEqualTo("1/0");
        assertThat(rawCounters(b)).isEqualTo("0/1");
        assertThat(rawString("SELECT CAST(created_at AS CHAR(26)) FROM user_follower WHERE user_id = " + b))
                .isEqualTo("2026-01-02 03:04:08.123456");
    }

    @Test
    void unfollowOfNothingTouchesNoCounter() throws Exception {
        long a = user();
        long b = user();

        assertThat(store.unfollow(a, b, T0)).isFalse();

        assertThat(rawLong("SELECT COUNT(*) FROM relation_num WHERE user_id IN (" + a + ", " + b + ")"))
                .isZero();
        assertThat(store.count(a)).isEqualTo(RelationCount.NONE);
    }

    @Test
    void countersNeverGoBelowZeroEvenIfTheyWereWrong() throws Exception {
        long a = user();
        long b = user();
        store.follow(a, b, T0);
        // counters that disagree with the rows, e.g. data carried over from the reference's lost updates
        rawUpdate("UPDATE relation_num SET following_num = 0 WHERE user_id = " + a);
        rawUpdate("UPDATE relation_num SET follower_num = 0 WHERE user_id = " + b);
        assertThat(rawCounters(a)).isEqualTo("0/0");
        assertThat(rawCounters(b)).isEqualTo("0/0");

        // on MariaDB an unguarded UNSIGNED 0 - 1 would fail the statement; H2 would store -1
        assertThat(store.unfollow(a, b, T0.plusSeconds(1))).isTrue();

        assertThat(rawCounters(a)).isEqualTo("0/0");
        assertThat(rawCounters(b)).isEqualTo("0/0");
        assertThat(rows(a, b)).isZero();
    }

    @Test
    void listsAreNewestFirstWithTiesInInsertionOrderAndPaged() {
        long a = user();
        long b1 = user();
        long b2 = user();
        long b3 = user();
        long b4 = user();
        store.follow(a, b1, T0);
        store.follow(a, b2, T0); // same microsecond as b1: inserted later, listed first
        store.follow(a, b3, T0.plusNanos(1_000)); // one microsecond later
        store.follow(a, b4, T0.minusSeconds(3600)); // older than everything

        assertThat(store.following(a, new PageRequest(0, 100))).isEqualTo(new Page<>(List.of(b3, b2, b1, b4), 4));
        assertThat(store.following(a, new PageRequest(0, 3))).isEqualTo(new Page<>(List.of(b3, b2, b1), 4));
        assertThat(store.following(a, new PageRequest(1, 3))).isEqualTo(new Page<>(List.of(b4), 4));
        assertThat(store.following(a, new PageRequest(2, 3))).isEqualTo(new Page<>(List.of(), 4));
        assertThat(store.followingIds(a, 2)).containsExactly(b3, b2);
        assertThat(store.followingIds(a, 10)).containsExactly(b3, b2, b1, b4);
        assertThat(store.followingIds(a, 0)).isEmpty();

        long c = user();
        long f1 = user();
        long f2 = user();
        long f3 = user();
        store.follow(f2, c, T0);
        store.follow(f1, c, T0);
        store.follow(f3, c, T0.minusNanos(1_000));
        assertThat(store.followers(c, new PageRequest(0, 10))).isEqualTo(new Page<>(List.of(f1, f2, f3), 3));
        assertThat(store.followers(c, new PageRequest(1, 2))).isEqualTo(new Page<>(List.of(f3), 3));
        assertThat(store.following(c, new PageRequest(0, 10))).isEqualTo(new Page<>(List.of(), 0));
        assertThat(store.followers(user(), new PageRequest(0, 10))).isEqualTo(new Page<>(List.of(), 0));

        // a re-follow is a new follow: it moves to the front
        store.unfollow(a, b4, T0.plusSeconds(10));
        store.follow(a, b4, T0.plusSeconds(11));
        assertThat(store.followingIds(a, 10)).containsExactly(b4, b3, b2, b1);
    }

    @Test
    void followedAmongAnswersForTheGivenIdsOnly() {
        long a = user();
        long b = user();
        long c = user();
        long d = user();
        store.follow(a, b, T0);
        store.follow(a, d, T0);
        store.follow(c, a, T0);

        assertThat(store.followedAmong(a, List.of(b, c, d, a, b, Long.MAX_VALUE)))
                .isEqualTo(Set.of(b, d));
        assertThat(store.followedAmong(a, List.of(c))).isEmpty();
        assertThat(store.followedAmong(a, List.of())).isEmpty();
    }

    @Test
    void fiftyConcurrentIdenticalFollowsLeaveOneRowAndOneIncrementPerSide() throws Exception {
        long a = user();
        long b = user();

        concurrently(i -> service.follow(actor(a), b));

        assertThat(rows(a, b)).isEqualTo(1);
        assertThat(rawLong("SELECT COUNT(*) FROM user_follower WHERE user_id = " + b))
                .isEqualTo(1);
        assertThat(rawCounters(a)).isEqualTo("1/0");
        assertThat(rawCounters(b)).isEqualTo("0/1");
    }

    @Test
    void fiftyConcurrentIdenticalFollowsAfterAnUnfollowStillCountOnce() throws Exception {
        long a = user();
        long b = user();
        // leaves a just-deleted unique-key entry behind: where InnoDB deadlocks concurrent inserters
        service.follow(actor(a), b);
        service.unfollow(actor(a), b);

        concurrently(i -> service.follow(actor(a), b));

        assertThat(rows(a, b)).isEqualTo(1);
        assertThat(rawCounters(a)).isEqualTo("1/0");
        assertThat(rawCounters(b)).isEqualTo("0/1");
    }

    @Test
    void fiftyConcurrentUnfollowsLeaveNoRowAndZeroCounters() throws Exception {
        long a = user();
        long b = user();
        service.follow(actor(a), b);

        concurrently(i -> service.unfollow(actor(a), b));

        assertThat(rows(a, b)).isZero();
        assertThat(rawLong("SELECT COUNT(*) FROM user_follower WHERE user_id = " + b))
                .isZero();
        assertThat(rawCounters(a)).isEqualTo("0/0");
        assertThat(rawCounters(b)).isEqualTo("0/0");
    }

    @Test
    void interleavedConcurrentFollowsAndUnfollowsEndConsistent() throws Exception {
        for (int round = 0; round < 3; round++) {
            long a = user();
            long b = user();
            service.follow(actor(a), b);

            concurrently(i -> {
                if (i % 2 == 0) {
                    service.follow(actor(a), b);
                } else {
                    service.unfollow(actor(a), b);
                }
            });

            long pairs = rows(a, b);
            assertThat(pairs).isBetween(0L, 1L);
            assertThat(rawLong("SELECT COUNT(*) FROM user_follower WHERE user_id = " + b + " AND follower_uid = " + a))
                    .isEqualTo(pairs);
            assertThat(rawCounters(a)).isEqualTo(pairs + "/0");
            assertThat(rawCounters(b)).isEqualTo("0/" + pairs);
        }
    }

    @Test
    void concurrentFollowsOfOneUserAndBackAreAllCounted() throws Exception {
        long star = user();
        List<Long> fans = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            fans.add(user());
        }

        // every fan follows the star while the star follows every fan back: both counter rows of
        // each pair are hot, and in opposite id order for half of the transactions
        concurrently(i -> {
            service.follow(actor(fans.get(i)), star);
            service.follow(actor(star), fans.get(i));
        });

        assertThat(rawCounters(star)).isEqualTo(THREADS + "/" + THREADS);
        assertThat(rawLong("SELECT COUNT(*) FROM user_follower WHERE user_id = " + star))
                .isEqualTo(THREADS);
        assertThat(rawLong("SELECT COUNT(*) FROM user_following WHERE user_id = " + star))
                .isEqualTo(THREADS);
        for (long fan : fans) {
            assertThat(rawCounters(fan)).isEqualTo("1/1");
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    interface Step {
        void run(int index) throws Exception;
    }

    /** Runs the step on 50 threads released together; any exception fails the test. */
    static void concurrently(Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Void>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int index = i;
                Callable<Void> call = () -> {
                    go.await();
                    step.run(index);
                    return null;
                };
                results.add(pool.submit(call));
            }
            go.countDown();
            for (Future<Void> result : results) {
                result.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    long rows(long userId, long followedUid) throws SQLException {
        return rawLong(
                "SELECT COUNT(*) FROM user_following WHERE user_id = " + userId + " AND followed_uid = " + followedUid);
    }

    /** "following/follower" from the raw columns; "none" when the user has no counter row. */
    String rawCounters(long userId) throws SQLException {
        try (Connection c = raw.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT CAST(following_num AS CHAR(20)), CAST(follower_num AS CHAR(20))"
                        + " FROM relation_num WHERE user_id = " + userId)) {
            return rs.next() ? rs.getString(1) + "/" + rs.getString(2) : "none";
        }
    }

    long rawLong(String sql) throws SQLException {
        try (Connection c = raw.getConnection();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Read through CAST/CHAR columns so that no driver date conversion is involved. */
    String rawString(String sql) throws SQLException {
        try (Connection c = raw.getConnection();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    void rawUpdate(String sql) throws SQLException {
        try (Connection c = raw.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(sql);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }
}
