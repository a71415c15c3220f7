package io.community.user.persistence;

import io.community.common.identity.Role;
import io.community.common.testing.TestServices;
import io.community.user.UserStore;
import io.community.user.UserStore.Credentials;
import io.community.user.UserStore.DuplicateEmailException;
import io.community.user.UserStore.NewUser;
import io.community.user.api.ProfileChanges;
import io.community.user.api.User;
import io.community.user.api.UserQuery;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JdbcUserStore} against a real MariaDB (a fresh database per run).
 *
 * <p>The whole class runs with the JVM's default zone set to Europe/Berlin, a zone with DST, and
 * stores instants that fall into its spring gap and autumn overlap: those are what a store that
 * lets the driver convert through the default zone gets wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcUserStoreIT {
    private static final String DATABASE = "community_test_user_store";
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");

    private final TimeZone originalZone = TimeZone.getDefault();
    private ApplicationContext context;
    private UserStore store;
    private String jdbcUrl;

    @BeforeAll
    void start() {
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        Map<String, Object> properties = TestServices.mariaDbProperties(DATABASE);
        jdbcUrl = (String) properties.get("datasources.default.url");
        context = ApplicationContext.run(properties, "test");
        store = context.getBean(UserStore.class, Qualifiers.byName("jdbc"));
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
        TimeZone.setDefault(originalZone);
    }

    private long insert(String email) {
        return store.insert(new NewUser(email, "$2a$10$hash-of-" + email, "name-" + email, Role.USER, T0));
    }

    @Test
    void insertsAndFindsByIdAndEmail() {
        long id = store.insert(
                new NewUser("find@example.com", "$2a$10$abcdefghijklmnopqrstuv", "Finder", Role.ADMIN, T0));

        User byId = store.findById(id).orElseThrow();
        assertThat(byId.id()).isEqualTo(id);
        assertThat(byId.email()).isEqualTo("find@example.com");
        assertThat(byId.name()).isEqualTo("Finder");
        assertThat(byId.nickName()).isEmpty();
        assertThat(byId.role()).isEqualTo(Role.ADMIN);
        assertThat(byId.status()).isEqualTo(User.STATUS_ACTIVE);
        assertThat(byId.loginAt()).isNull();
        assertThat(byId.loginIp()).isEmpty();
        assertThat(byId.createdAt()).isEqualTo(T0);
        assertThat(byId.updatedAt()).isEqualTo(T0);
        assertThat(store.findByEmail("find@example.com")).contains(byId);
        assertThat(store.findByIds(List.of(id, id, -1L))).containsOnlyKeys(id).containsEntry(id, byId);
        assertThat(store.findByIds(List.of())).isEmpty();
        assertThat(store.emailTaken("find@example.com")).isTrue();
        assertThat(store.emailTaken("nobody@example.com")).isFalse();
        assertThat(store.findById(Long.MAX_VALUE)).isEmpty();

        Credentials credentials =
                store.findCredentialsByEmail("find@example.com").orElseThrow();
        assertThat(credentials).isEqualTo(new Credentials(id, "find@example.com", "$2a$10$abcdefghijklmnopqrstuv"));
        assertThat(credentials.toString()).doesNotContain("$2a$");
        assertThat(store.findCredentialsById(id)).contains(credentials);
    }

    @Test
    void duplicateEmailIsRejected() {
        insert("dup@example.com");

        assertThatThrownBy(() -> insert("dup@example.com")).isInstanceOf(DuplicateEmailException.class);
    }

    /** Documents the contract: the store compares exactly; the service lower-cases before calling. */
    @Test
    void emailIsCaseSensitiveAsStored() {
        long lower = insert("case@example.com");
        long upper = insert("Case@Example.com");

        assertThat(upper).isNotEqualTo(lower);
        assertThat(store.findByEmail("case@example.com").orElseThrow().id()).isEqualTo(lower);
        assertThat(store.findByEmail("Case@Example.com").orElseThrow().id()).isEqualTo(upper);
        assertThat(store.findByEmail("CASE@EXAMPLE.COM")).isEmpty();
        assertThat(store.emailTaken("CASE@EXAMPLE.COM")).isFalse();
    }

    @Test
    void concurrentInsertsOfOneEmailLeaveOneRow() throws Exception {
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger duplicates = new AtomicInteger();
        List<Future<Long>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        return insert("race@example.com");
                    } catch (DuplicateEmailException e) {
                        duplicates.incrementAndGet();
                        return null;
                    }
                }));
            }
            go.countDown();
            List<Long> ids = new ArrayList<>();
            for (Future<Long> result : results) {
                Long id = result.get(60, TimeUnit.SECONDS);
                if (id != null) {
                    ids.add(id);
                }
            }
            assertThat(ids).hasSize(1);
            assertThat(duplicates).hasValue(threads - 1);
            assertThat(rawLong("SELECT COUNT(*) FROM `user` WHERE email = 'race@example.com'"))
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void updateProfileChangesOnlyGivenFields() {
        long id = insert("profile@example.com");
        Instant later = T0.plusSeconds(60).plusNanos(7_000);

        assertThat(store.updateProfile(id, new ProfileChanges(null, "nick", "+49 30 1234", null, 2, 150, null), later))
                .isTrue();

        User user = store.findById(id).orElseThrow();
        assertThat(user.name()).isEqualTo("name-profile@example.com");
        assertThat(user.nickName()).isEqualTo("nick");
        assertThat(user.phone()).isEqualTo("+49 30 1234");
        assertThat(user.avatar()).isEmpty();
        assertThat(user.gender()).isEqualTo(2);
        assertThat(user.age()).isEqualTo(150);
        assertThat(user.birthday()).isEmpty();
        assertThat(user.createdAt()).isEqualTo(T0);
        assertThat(user.updatedAt()).isEqualTo(later);

        assertThat(store.updateProfile(
                        id,
                        new ProfileChanges("New Name", null, null, "https://a/b.png", null, null, "2000-01-31"),
                        later.plusSeconds(1)))
                .isTrue();
        User again = store.findById(id).orElseThrow();
        assertThat(again.name()).isEqualTo("New Name");
        assertThat(again.nickName()).isEqualTo("nick");
        assertThat(again.avatar()).isEqualTo("https://a/b.png");
        assertThat(again.birthday()).isEqualTo("2000-01-31");
        assertThat(again.age()).isEqualTo(150);

        assertThat(store.updateProfile(
                        Long.MAX_VALUE, new ProfileChanges("x", null, null, null, null, null, null), later))
                .isFalse();
    }

    @Test
    void updatesPasswordHash() {
        long id = insert("password@example.com");

        assertThat(store.updatePasswordHash(id, "$2a$10$new", T0.plusSeconds(5)))
                .isTrue();

        assertThat(store.findCredentialsById(id).orElseThrow().passwordHash()).isEqualTo("$2a$10$new");
        assertThat(store.findById(id).orElseThrow().updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(store.updatePasswordHash(Long.MAX_VALUE, "$2a$10$new", T0)).isFalse();
    }

    @Test
    void softDeleteHidesTheUserFromEveryFinderButKeepsTheEmailReserved() {
        long id = insert("deleted@example.com");
        Instant deletedAt = T0.plusSeconds(3600);

        assertThat(store.softDelete(id, deletedAt)).isTrue();

        assertThat(store.findById(id)).isEmpty();
        assertThat(store.findByIds(List.of(id))).isEmpty();
        assertThat(store.findByEmail("deleted@example.com")).isEmpty();
        assertThat(store.findCredentialsByEmail("deleted@example.com")).isEmpty();
        assertThat(store.findCredentialsById(id)).isEmpty();
        assertThat(store.search(new UserQuery(
                                0, 100, null, List.of(new UserQuery.Column("email", "=", "deleted@example.com", null))))
                        .total())
                .isZero();
        assertThat(store.emailTaken("deleted@example.com")).isTrue();
        assertThatThrownBy(() -> insert("deleted@example.com")).isInstanceOf(DuplicateEmailException.class);

        // writes on a deleted user report "not found" and change nothing
        assertThat(store.softDelete(id, deletedAt.plusSeconds(1))).isFalse();
        assertThat(store.updateProfile(id, new ProfileChanges("x", null, null, null, null, null, null), T0))
                .isFalse();
        assertThat(store.updatePasswordHash(id, "$2a$10$x", T0)).isFalse();
        assertThat(store.recordLogin(id, T0, "127.0.0.1")).isFalse();
        assertThat(store.setRoleByEmail("deleted@example.com", Role.ADMIN, T0)).isEmpty();
        assertThat(rawString("SELECT CAST(deleted_at AS CHAR(26)) FROM `user` WHERE id = " + id))
                .isEqualTo("2026-01-02 04:04:05.123456");
        assertThat(rawString("SELECT name FROM `user` WHERE id = " + id)).isEqualTo("name-deleted@example.com");
    }

    @Test
    void recordsLoginWithAnIpv6Address() {
        long id = insert("login@example.com");
        String ip = "0000:0000:0000:0000:0000:ffff:192.168.100.200"; // 45 characters, the longest textual form
        Instant at = Instant.parse("2026-03-04T05:06:07.654321Z");

        assertThat(store.recordLogin(id, at, ip)).isTrue();

        User user = store.findById(id).orElseThrow();
        assertThat(user.loginIp()).isEqualTo(ip);
        assertThat(user.loginAt()).isEqualTo(at);
        assertThat(user.updatedAt()).isEqualTo(T0);
        assertThat(store.recordLogin(Long.MAX_VALUE, at, ip)).isFalse();
    }

    @Test
    void setsRoleByEmail() {
        long id = insert("role@example.com");

        assertThat(store.setRoleByEmail("role@example.com", Role.ADMIN, T0.plusSeconds(1)))
                .contains(id);

        assertThat(store.findById(id).orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(store.findById(id).orElseThrow().updatedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(store.setRoleByEmail("role@example.com", Role.ADMIN, T0.plusSeconds(2)))
                .contains(id);
        // the same role again (every start applies the configured admins) is not a change
        assertThat(store.findById(id).orElseThrow().updatedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(store.setRoleByEmail("absent@example.com", Role.ADMIN, T0)).isEmpty();
    }

    @Test
    void fourByteCharactersRoundTrip() {
        String name = "Zoë \uD83D\uDE00\uD83C\uDF89 \uD842\uDFB7"; // emoji and a CJK extension-B ideograph
        long id = store.insert(new NewUser("emoji@example.com", "$2a$10$x", name, Role.USER, T0));
        store.updateProfile(id, new ProfileChanges(null, "\uD83E\uDD84", null, null, null, null, null), T0);

        User user = store.findById(id).orElseThrow();
        assertThat(user.name()).isEqualTo(name);
        assertThat(user.nickName()).isEqualTo("\uD83E\uDD84");
    }

    @Test
    void timesRoundTripToTheMicrosecondAsUtcWallClock() {
        // Stored as 02:30, this one is a wall clock Berlin skips (spring gap): a driver that
        // parses DATETIME in the JVM's zone moves it by an hour.
        Instant gap = Instant.parse("2024-03-31T02:30:00.123456Z");
        // 02:30 Berlin summer time, the first of the two 02:30s of the autumn overlap: stored as
        // Berlin wall clock, it could not be told from the second one.
        Instant overlap = Instant.parse("2024-10-27T00:30:00.000001Z");
        Instant early = Instant.parse("1999-12-31T23:59:59.999999Z");

        long id = store.insert(new NewUser("times@example.com", "$2a$10$x", "t", Role.USER, gap));
        store.recordLogin(id, overlap, "::1");
        store.updateProfile(id, new ProfileChanges("t2", null, null, null, null, null, null), early);

        User user = store.findById(id).orElseThrow();
        assertThat(user.createdAt()).isEqualTo(gap);
        assertThat(user.loginAt()).isEqualTo(overlap);
        assertThat(user.updatedAt()).isEqualTo(early);
        // what is stored is the UTC wall clock, whatever zone the JVM runs in
        assertThat(rawString("SELECT CONCAT(CAST(created_at AS CHAR(26)), '|', CAST(login_at AS CHAR(26)), '|',"
                        + " CAST(updated_at AS CHAR(26))) FROM `user` WHERE id = " + id))
                .isEqualTo("2024-03-31 02:30:00.123456|2024-10-27 00:30:00.000001|1999-12-31 23:59:59.999999");

        // sub-microsecond digits are dropped, never rounded up into the next microsecond
        long other = store.insert(new NewUser(
                "nanos@example.com", "$2a$10$x", "n", Role.USER, Instant.parse("2024-01-01T00:00:00.999999999Z")));
        assertThat(store.findById(other).orElseThrow().createdAt()).isEqualTo("2024-01-01T00:00:00.999999Z");
    }

    @Test
    void theHashIsNeverPartOfAUserOrItsStrings() {
        long id = store.insert(new NewUser("secret@example.com", "$2a$10$very-secret-hash", "s", Role.USER, T0));

        assertThat(store.findById(id).orElseThrow().toString()).doesNotContain("very-secret-hash");
        assertThat(new NewUser("secret@example.com", "$2a$10$very-secret-hash", "s", Role.USER, T0).toString())
                .doesNotContain("very-secret-hash");
    }

    private long rawLong(String sql) throws SQLException {
        try (Connection c = raw();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Read through CAST/CHAR columns so that no driver date conversion is involved. */
    private String rawString(String sql) {
        try (Connection c = raw();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection raw() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, TestServices.mariaDbUser(), TestServices.mariaDbPassword());
    }
}
