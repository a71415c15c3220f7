package io.community.relation.cache;

import io.community.common.paging.PageRequest;
import io.community.common.testing.TestRedis;
import io.community.common.testing.TestServices;
import io.community.relation.RelationStore;
import io.community.relation.api.RelationCount;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The count cache on real MariaDB and Redis: what is cached, and when it is evicted. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachingRelationStoreIT {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    private final AtomicLong ids = new AtomicLong(100);
    private ApplicationContext context;
    private RelationStore store;
    private TransactionOperations<Connection> tx;
    private TestRedis redis;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start() {
        Map<String, Object> props = new HashMap<>(TestServices.mariaDbProperties("community_test_relation_cache"));
        redis = TestRedis.open();
        props.put("redis.uri", TestServices.redisUri());
        props.put("community.cache.key-prefix", redis.prefix());
        context = ApplicationContext.run(props, "test");
        store = context.getBean(RelationStore.class);
        tx = context.getBean(TransactionOperations.class);
    }

    @AfterAll
    void stop() {
        redis.close();
        context.close();
    }

    private String cached(long userId) {
        return redis.get("relation:count:" + userId);
    }

    private long user() {
        return ids.getAndAdd(100);
    }

    @Test
    void theDecoratorIsWhatTheContextInjects() {
        assertThat(store).isInstanceOf(CachingRelationStore.class);
    }

    @Test
    void countsAreCachedWithTheConfiguredTtl() {
        long a = user();
        assertThat(store.count(a)).isEqualTo(RelationCount.NONE);
        assertThat(cached(a)).isEqualTo("{\"followingNum\":0,\"followerNum\":0}");
        assertThat(redis.pttl("relation:count:" + a)).isBetween(1L, 330_000L); // 5 min ± 10 %

        // served from the cache: a value planted there is what comes back
        redis.raw().set(redis.prefix() + "relation:count:" + a, "{\"followingNum\":7,\"followerNum\":8}");
        assertThat(store.count(a)).isEqualTo(new RelationCount(7, 8));
    }

    @Test
    void aFollowEvictsBothUsersOnlyAfterCommit() {
        long a = user();
        long b = user();
        store.count(a);
        store.count(b);
        tx.executeWrite(s -> {
            assertThat(store.follow(a, b, T0)).isTrue();
            // still cached inside the transaction: evicting now would let a reader cache the old numbers again
            assertThat(cached(a)).isNotNull();
            assertThat(cached(b)).isNotNull();
            return null;
        });
        assertThat(cached(a)).isNull();
        assertThat(cached(b)).isNull();
        assertThat(store.count(a)).isEqualTo(new RelationCount(1, 0));
        assertThat(store.count(b)).isEqualTo(new RelationCount(0, 1));

        tx.executeWrite(s -> store.unfollow(a, b, T0.plusSeconds(1)));
        assertThat(cached(a)).isNull();
        assertThat(cached(b)).isNull();
        assertThat(store.count(a)).isEqualTo(RelationCount.NONE);
        assertThat(store.count(b)).isEqualTo(RelationCount.NONE);
    }

    @Test
    void writesThatChangeNothingKeepTheCache() {
        long a = user();
        long b = user();
        store.follow(a, b, T0);
        store.count(a);

        assertThat(store.follow(a, b, T0.plusSeconds(1))).isFalse();
        assertThat(store.unfollow(b, a, T0.plusSeconds(1))).isFalse();
        assertThat(cached(a)).isEqualTo("{\"followingNum\":1,\"followerNum\":0}");
    }

    @Test
    void aRolledBackFollowLeavesTheCacheAndTheRowsAsTheyWere() {
        long a = user();
        long b = user();
        store.count(a);
        try {
            tx.executeWrite(s -> {
                store.follow(a, b, T0);
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(cached(a)).isEqualTo("{\"followingNum\":0,\"followerNum\":0}");
        assertThat(store.followingIds(a, 10)).isEmpty();
        redis.raw().del(redis.prefix() + "relation:count:" + a);
        assertThat(store.count(a)).isEqualTo(RelationCount.NONE);
    }

    @Test
    void listsAreNotCached() {
        long a = user();
        long b = user();
        store.follow(a, b, T0);
        store.followingIds(a, 10);
        store.followedAmong(a, List.of(b));
        store.following(a, new PageRequest(0, 10));
        store.followers(b, new PageRequest(0, 10));
        assertThat(redis.raw().keys(redis.prefix() + "*" + a)).isEmpty();
        assertThat(redis.raw().keys(redis.prefix() + "*" + b)).isEmpty();
        assertThat(redis.raw().keys(redis.prefix() + "*"))
                .allMatch(key -> key.startsWith(redis.prefix() + "relation:count:"));
    }
}
