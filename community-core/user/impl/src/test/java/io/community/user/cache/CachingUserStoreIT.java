package io.community.user.cache;

import io.community.common.identity.Role;
import io.community.common.testing.TestRedis;
import io.community.common.testing.TestServices;
import io.community.user.UserStore;
import io.community.user.api.ProfileChanges;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The user cache decorator on real MariaDB and Redis: what is cached, and when it is evicted. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachingUserStoreIT {
    private ApplicationContext context;
    private UserStore store;
    private TransactionOperations<Connection> tx;
    private TestRedis redis;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start() {
        Map<String, Object> props = new HashMap<>(TestServices.mariaDbProperties("community_test_user_cache"));
        redis = TestRedis.open();
        props.put("redis.uri", TestServices.redisUri());
        props.put("community.cache.key-prefix", redis.prefix());
        context = ApplicationContext.run(props);
        store = context.getBean(UserStore.class);
        tx = context.getBean(TransactionOperations.class);
    }

    @AfterAll
    void stop() {
        redis.close();
        context.close();
    }

    private String cached(String key) {
        return redis.get(key);
    }

    private long insert(String email) {
        return tx.executeWrite(s -> store.insert(new UserStore.NewUser(
                email, "$2a$10$hashhashhashhashhashhashhashhashhashhashhashhashhash", "n", Role.USER, now())));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @Test
    void theDecoratorIsWhatTheContextInjects() {
        assertThat(store).isInstanceOf(CachingUserStore.class);
    }

    @Test
    void readsAreCachedByIdAndByEmailWithoutThePasswordHash() {
        String email = "cached-" + UUID.randomUUID() + "@example.com";
        long id = insert(email);
        assertThat(store.findById(id)).isPresent();
        assertThat(store.findByEmail(email)).isPresent();
        assertThat(cached("user:id:" + id))
                .contains(email)
                .doesNotContain("$2a$")
                .doesNotContain("hashhash");
        assertThat(cached("user:email:" + email)).contains("\"id\":" + id);
        long ttl = redis.pttl("user:id:" + id);
        assertThat(ttl).isBetween(1L, 11 * 60 * 1000L); // cache-ttl 10 min, ±10 % jitter
    }

    @Test
    void aCacheHitIsTheSameUserAsTheDatabaseRow() {
        String email = "roundtrip-" + UUID.randomUUID() + "@example.com";
        long id = insert(email);
        UserStore database = context.getBean(UserStore.class, io.micronaut.inject.qualifiers.Qualifiers.byName("jdbc"));
        var fromDatabase = database.findById(id).orElseThrow();
        assertThat(fromDatabase.nickName()).isEmpty(); // empty strings are what a serializer likes to drop
        store.findById(id);
        assertThat(cached("user:id:" + id)).isNotNull();
        assertThat(store.findById(id).orElseThrow()).isEqualTo(fromDatabase);
        assertThat(store.findByIds(List.of(id)).get(id)).isEqualTo(fromDatabase);
        store.findByEmail(email);
        assertThat(store.findByEmail(email).orElseThrow()).isEqualTo(fromDatabase);
    }

    @Test
    void writesEvictBothKeysOnlyAfterCommit() {
        String email = "evict-" + UUID.randomUUID() + "@example.com";
        long id = insert(email);
        store.findById(id);
        store.findByEmail(email);
        tx.executeWrite(s -> {
            store.updateProfile(id, new ProfileChanges("renamed", null, null, null, null, null, null), now());
            // still cached inside the transaction: evicting now would let a reader cache the old row again
            assertThat(cached("user:id:" + id)).isNotNull();
            assertThat(cached("user:email:" + email)).isNotNull();
            return null;
        });
        assertThat(cached("user:id:" + id)).isNull();
        assertThat(cached("user:email:" + email)).isNull();
        assertThat(store.findById(id).orElseThrow().name()).isEqualTo("renamed");
        assertThat(store.findByEmail(email).orElseThrow().name()).isEqualTo("renamed");
    }

    @Test
    void aRolledBackWriteLeavesTheCacheAndTheRowAsTheyWere() {
        String email = "rollback-" + UUID.randomUUID() + "@example.com";
        long id = insert(email);
        store.findById(id);
        try {
            tx.executeWrite(s -> {
                store.updateProfile(id, new ProfileChanges("never", null, null, null, null, null, null), now());
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(cached("user:id:" + id)).isNotNull().doesNotContain("never");
        assertThat(store.findById(id).orElseThrow().name()).isEqualTo("n");
    }

    @Test
    void absentUsersAreCachedBrieflyAndARegistrationClearsThat() {
        String email = "later-" + UUID.randomUUID() + "@example.com";
        assertThat(store.findByEmail(email)).isEmpty();
        assertThat(cached("user:email:" + email)).startsWith("~");
        assertThat(redis.pttl("user:email:" + email)).isBetween(1L, 33_000L); // 30 s ± 10 %
        long id = insert(email);
        assertThat(store.findByEmail(email).orElseThrow().id()).isEqualTo(id);
        assertThat(store.findById(Long.MAX_VALUE - 7)).isEmpty();
        assertThat(cached("user:id:" + (Long.MAX_VALUE - 7))).startsWith("~");
    }

    @Test
    void deletionAndPasswordChangesAreVisibleAtOnce() {
        String email = "gone-" + UUID.randomUUID() + "@example.com";
        long id = insert(email);
        store.findById(id);
        store.findByEmail(email);
        tx.executeWrite(s ->
                store.updatePasswordHash(id, "$2a$10$newnewnewnewnewnewnewnewnewnewnewnewnewnewnewnewnewne", now()));
        assertThat(store.findCredentialsByEmail(email).orElseThrow().passwordHash())
                .contains("newnew");
        tx.executeWrite(s -> store.softDelete(id, now()));
        assertThat(store.findById(id)).isEmpty();
        assertThat(store.findByEmail(email)).isEmpty();
        assertThat(store.findByIds(List.of(id))).isEmpty();
    }
}
