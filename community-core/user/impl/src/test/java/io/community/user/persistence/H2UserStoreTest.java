package io.community.user.persistence;

import io.community.common.identity.Role;
import io.community.user.UserStore;
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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded default: the same migration and the same store on H2 in MySQL mode. Runs in a
 * DST zone like the MariaDB test, since H2 also converts DATETIME through the JVM's zone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2UserStoreTest {
    private final TimeZone originalZone = TimeZone.getDefault();
    private ApplicationContext context;
    private UserStore store;

    @BeforeAll
    void start() {
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        context = ApplicationContext.run(
                Map.of(
                        "datasources.default.url",
                                "jdbc:h2:mem:usertest;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                        "datasources.default.username", "sa",
                        "datasources.default.password", ""),
                "test");
        store = context.getBean(UserStore.class, Qualifiers.byName("jdbc"));
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
        TimeZone.setDefault(originalZone);
    }

    @Test
    void migratesAndRoundTripsAUser() {
        Instant created = Instant.parse("2024-03-31T02:30:00.123456Z"); // inside Berlin's spring gap
        String name = "H2 \uD83D\uDE00";
        long id = store.insert(new NewUser("h2@example.com", "$2a$10$h2", name, Role.ADMIN, created));
        Instant login = Instant.parse("2024-10-27T00:30:00.000001Z"); // 02:30 in Berlin's autumn overlap
        assertThat(store.recordLogin(id, login, "2001:db8::1")).isTrue();
        assertThat(store.updateProfile(
                        id, new ProfileChanges(null, "nick", null, null, 1, 150, "1990-05-06"), created.plusSeconds(1)))
                .isTrue();

        User user = store.findById(id).orElseThrow();
        assertThat(user.email()).isEqualTo("h2@example.com");
        assertThat(user.name()).isEqualTo(name);
        assertThat(user.nickName()).isEqualTo("nick");
        assertThat(user.age()).isEqualTo(150);
        assertThat(user.role()).isEqualTo(Role.ADMIN);
        assertThat(user.createdAt()).isEqualTo(created);
        assertThat(user.updatedAt()).isEqualTo(created.plusSeconds(1));
        assertThat(user.loginAt()).isEqualTo(login);
        assertThat(user.loginIp()).isEqualTo("2001:db8::1");
        assertThat(store.findByEmail("h2@example.com")).contains(user);
        assertThat(store.findCredentialsById(id).orElseThrow().passwordHash()).isEqualTo("$2a$10$h2");
    }

    @Test
    void theLongestProfileTheServiceAllowsFitsInEmojiToo() {
        // the service counts characters; H2 counts UTF-16 units, two per emoji
        String emoji = "\uD83D\uDE00";
        long id = store.insert(
                new NewUser("long-h2@example.com", "$2a$10$x", emoji.repeat(50), Role.USER, Instant.EPOCH));
        assertThat(store.updateProfile(
                        id,
                        new ProfileChanges(
                                emoji.repeat(50),
                                emoji.repeat(50),
                                emoji.repeat(30),
                                emoji.repeat(255),
                                null,
                                null,
                                null),
                        Instant.EPOCH.plusSeconds(1)))
                .isTrue();
        User user = store.findById(id).orElseThrow();
        assertThat(user.nickName()).isEqualTo(emoji.repeat(50));
        assertThat(user.phone()).isEqualTo(emoji.repeat(30));
        assertThat(user.avatar()).isEqualTo(emoji.repeat(255));
    }

    @Test
    void duplicateEmailAndSoftDeleteBehaveAsOnMariaDb() {
        long id = store.insert(new NewUser("dup-h2@example.com", "$2a$10$x", "d", Role.USER, Instant.EPOCH));

        assertThatThrownBy(() ->
                        store.insert(new NewUser("dup-h2@example.com", "$2a$10$x", "d", Role.USER, Instant.EPOCH)))
                .isInstanceOf(DuplicateEmailException.class);
        assertThat(store.softDelete(id, Instant.EPOCH.plusSeconds(1))).isTrue();
        assertThat(store.findById(id)).isEmpty();
        assertThat(store.emailTaken("dup-h2@example.com")).isTrue();
    }

    @Test
    void searchRunsOnH2() {
        store.insert(new NewUser("pct-h2@example.com", "$2a$10$x", "100% h2", Role.USER, Instant.ofEpochSecond(10)));
        store.insert(new NewUser("plain-h2@example.com", "$2a$10$x", "100 h2", Role.USER, Instant.ofEpochSecond(20)));

        var page = store.search(new UserQuery(
                0,
                10,
                "-createdAt",
                List.of(
                        new UserQuery.Column("name", "like", "0%", "or"),
                        new UserQuery.Column("createdAt", "=", "20", null))));

        assertThat(page.items()).extracting(User::name).containsExactly("100 h2", "100% h2");
        assertThat(page.total()).isEqualTo(2);
    }
}
