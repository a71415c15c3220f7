package io.community.user.persistence;

import io.community.user.Session;
import io.community.user.SessionStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.time.Instant;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JdbcSessionStore} on a real database: the migration runs, times round-trip to the
 * microsecond in a DST zone, revocations are facts on rows, the cleanup is bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionStoreContract {
    private static final Instant T0 = Instant.parse("2024-03-31T02:30:00.123456Z"); // Berlin's spring gap
    private final TimeZone originalZone = TimeZone.getDefault();
    private ApplicationContext context;
    protected SessionStore store;
    private TransactionOperations<Connection> tx;

    protected abstract Map<String, Object> database();

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start() {
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        context = ApplicationContext.run(database(), "test");
        store = context.getBean(SessionStore.class, Qualifiers.byName("jdbc"));
        tx = context.getBean(TransactionOperations.class);
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
        TimeZone.setDefault(originalZone);
    }

    private static Session session(long userId, Instant created, Instant expires) {
        return new Session(UUID.randomUUID().toString(), userId, created, expires, null);
    }

    @Test
    void aSessionRoundTripsToTheMicrosecond() {
        Session s = session(7, T0, Instant.parse("2024-10-27T00:30:00.000001Z")); // Berlin's autumn overlap
        store.open(s);
        assertThat(store.find(s.id())).contains(s);
        assertThat(store.find(UUID.randomUUID().toString())).isEmpty();
        assertThat(store.find(s.id().toUpperCase())).as("ids compare exactly").isEmpty();
    }

    @Test
    void logoutRevokesOneSessionOnce() {
        Session a = session(8, T0, T0.plusSeconds(3600));
        Session b = session(8, T0, T0.plusSeconds(3600));
        store.open(a);
        store.open(b);
        assertThat(store.revoke(a.id(), T0.plusSeconds(5))).isTrue();
        assertThat(store.revoke(a.id(), T0.plusSeconds(6))).isFalse();
        assertThat(store.find(a.id()).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(store.find(a.id()).orElseThrow().activeAt(T0.plusSeconds(10)))
                .isFalse();
        assertThat(store.find(b.id()).orElseThrow().activeAt(T0.plusSeconds(10)))
                .isTrue();
    }

    @Test
    void revokeAllEndsEveryOpenSessionOfTheUserAndNoOtherAndReturnsTheirIds() {
        long user = 9_000 + (long) (Math.random() * 1_000_000);
        Session a = session(user, T0, T0.plusSeconds(3600));
        Session b = session(user, T0.plusSeconds(1), T0.plusSeconds(3600));
        Session loggedOut = session(user, T0, T0.plusSeconds(3600));
        Session other = session(user + 1, T0, T0.plusSeconds(3600));
        for (Session s : new Session[] {a, b, loggedOut, other}) {
            store.open(s);
        }
        store.revoke(loggedOut.id(), T0.plusSeconds(2));

        // an instance whose clock is far behind revokes: still every older session ends
        Instant skewed = T0.minusSeconds(86_400);
        var revoked = tx.executeWrite(status -> store.revokeAll(user, skewed));

        assertThat(revoked).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(store.find(a.id()).orElseThrow().activeAt(T0.plusSeconds(3))).isFalse();
        assertThat(store.find(b.id()).orElseThrow().activeAt(T0.plusSeconds(3))).isFalse();
        assertThat(store.find(loggedOut.id()).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(store.find(other.id()).orElseThrow().activeAt(T0.plusSeconds(3)))
                .isTrue();
        // a session opened afterwards is valid, whatever its times
        Session later = session(user, skewed.minusSeconds(60), T0.plusSeconds(3600));
        store.open(later);
        assertThat(store.find(later.id()).orElseThrow().activeAt(T0)).isTrue();
        assertThat(store.revokeAll(user + 2, T0)).isEmpty();
    }

    @Test
    void theCleanupDeletesOnlyExpiredRowsInBoundedBatches() {
        Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            store.open(session(42, longAgo, longAgo.plusSeconds(60 + i)));
        }
        Session valid = session(42, longAgo, Instant.parse("2100-01-01T00:00:00Z"));
        store.open(valid);
        Instant before = longAgo.plusSeconds(3600);
        assertThat(store.deleteExpired(before, 3)).isEqualTo(3);
        assertThat(store.deleteExpired(before, 3)).isEqualTo(2);
        assertThat(store.deleteExpired(before, 3)).isZero();
        assertThat(store.find(valid.id())).isPresent();
    }
}
