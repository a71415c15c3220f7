package io.community.user.persistence;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.error.FieldError;
import io.community.common.identity.Role;
import io.community.common.paging.Page;
import io.community.common.testing.TestServices;
import io.community.user.UserStore;
import io.community.user.UserStore.NewUser;
import io.community.user.api.ProfileChanges;
import io.community.user.api.User;
import io.community.user.api.UserQuery;
import io.community.user.api.UserQuery.Column;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The admin list against a real MariaDB: allow-lists, operators, logic, sorting, paging. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserSearchIT {
    private static final long BASE = 1_735_689_600L; // 2025-01-01T00:00:00Z

    private ApplicationContext context;
    private UserStore store;
    /** name → id, in creation order (oldest first); "ghost" is soft-deleted. */
    private final Map<String, Long> ids = new LinkedHashMap<>();

    @BeforeAll
    void start() {
        context = ApplicationContext.run(TestServices.mariaDbProperties("community_test_user_search"), "test");
        store = context.getBean(UserStore.class, Qualifiers.byName("jdbc"));
        user("alice", 25, Instant.ofEpochSecond(BASE, 250_000_000));
        user("bob", 35, Instant.ofEpochSecond(BASE + 10));
        user("carol", 45, Instant.ofEpochSecond(BASE + 20));
        user("50% off", 30, Instant.ofEpochSecond(BASE + 30));
        user("50 pct off", 30, Instant.ofEpochSecond(BASE + 40));
        user("a_b", 20, Instant.ofEpochSecond(BASE + 50));
        user("axb", 21, Instant.ofEpochSecond(BASE + 60));
        user("back\\slash", 22, Instant.ofEpochSecond(BASE + 70));
        user("backxslash", 23, Instant.ofEpochSecond(BASE + 80));
        user("ouch!", 24, Instant.ofEpochSecond(BASE + 90));
        user("ghost", 35, Instant.ofEpochSecond(BASE + 100));
        store.setRoleByEmail("carol@search.io", Role.ADMIN, Instant.ofEpochSecond(BASE + 200));
        store.updateProfile(
                ids.get("alice"),
                new ProfileChanges(null, "ally", null, null, null, null, null),
                Instant.ofEpochSecond(BASE + 200));
        store.recordLogin(ids.get("bob"), Instant.ofEpochSecond(BASE + 300), "10.0.0.1");
        store.softDelete(ids.get("ghost"), Instant.ofEpochSecond(BASE + 400));
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    private void user(String name, int age, Instant createdAt) {
        String email = name.replaceAll("[^a-z]", "") + "@search.io";
        long id = store.insert(new NewUser(email, "$2a$10$hash", name, Role.USER, createdAt));
        store.updateProfile(id, new ProfileChanges(null, null, null, null, null, age, null), createdAt);
        ids.put(name, id);
    }

    private Page<User> search(String sort, Column... columns) {
        return store.search(new UserQuery(0, 100, sort, List.of(columns)));
    }

    private static Column col(String name, String exp, String value) {
        return new Column(name, exp, value, null);
    }

    private static Column col(String name, String exp, String value, String logic) {
        return new Column(name, exp, value, logic);
    }

    private static List<String> names(Page<User> page) {
        return page.items().stream().map(User::name).toList();
    }

    private List<String> liveNamesNewestFirst() {
        List<String> names = new ArrayList<>(ids.keySet());
        names.remove("ghost");
        java.util.Collections.reverse(names);
        return names;
    }

    @Test
    void defaultListIsNewestFirstAndWithoutDeletedUsers() {
        Page<User> page = search(null);

        assertThat(page.total()).isEqualTo(10);
        assertThat(names(page)).isEqualTo(liveNamesNewestFirst());
        assertThat(page.items().get(0).email()).isEqualTo("ouch@search.io");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "=   | 35 | bob",
                "eq  | 35 | bob",
                "!=  | 25 | bob,carol,50% off,50 pct off,a_b,axb,back\\slash,backxslash,ouch!",
                "neq | 25 | bob,carol,50% off,50 pct off,a_b,axb,back\\slash,backxslash,ouch!",
                ">   | 35 | carol",
                "gt  | 35 | carol",
                ">=  | 35 | bob,carol",
                "GTE | 35 | bob,carol",
                "<   | 21 | a_b",
                "lt  | 21 | a_b",
                "<=  | 21 | a_b,axb",
                "lte | 21 | a_b,axb"
            })
    void eachOperatorFiltersAge(String exp, String value, String expected) {
        Page<User> page = search("created_at", col("age", exp, value));

        assertThat(names(page)).containsExactly(expected.split(","));
        assertThat(page.total()).isEqualTo(expected.split(",").length);
    }

    @Test
    void textColumnsCompareExactlyAndByApiOrColumnName() {
        assertThat(names(search(null, col("name", "=", "carol")))).containsExactly("carol");
        assertThat(names(search(null, col("nickName", "=", "ally")))).containsExactly("alice");
        assertThat(names(search(null, col("nick_name", null, "ally")))).containsExactly("alice");
        assertThat(names(search(null, col("email", "=", "bob@search.io")))).containsExactly("bob");
        assertThat(names(search(null, col("role", "=", "1")))).containsExactly("carol");
        assertThat(names(search(null, col("role", "=", "admin")))).containsExactly("carol");
        assertThat(names(search(null, col("id", "=", String.valueOf(ids.get("bob"))))))
                .containsExactly("bob");
    }

    @Test
    void logicJoinsLeftToRight() {
        // (alice OR bob) AND age > 30; SQL's own precedence would also return alice
        assertThat(names(search(
                        null, col("name", "=", "alice", "or"), col("name", "=", "bob", "and"), col("age", ">", "30"))))
                .containsExactly("bob");
        // ((age > 40 AND alice) OR bob)
        assertThat(names(search(
                        "name", col("age", ">", "40", "&"), col("name", "=", "alice", "||"), col("name", "=", "bob"))))
                .containsExactly("bob");
        // the default logic is and; the last column's logic joins nothing
        assertThat(names(search(null, col("age", ">=", "30"), col("age", "<=", "30", "or"))))
                .hasSize(2);
        assertThat(names(search(
                        "-name",
                        col("name", "=", "alice", "OR"),
                        col("name", "=", "bob", "or"),
                        col("name", "=", "carol"))))
                .containsExactly("carol", "bob", "alice");
    }

    @Test
    void anOrNeverReachesDeletedUsers() {
        assertThat(names(search(null, col("name", "=", "ghost", "or"), col("name", "=", "alice"))))
                .containsExactly("alice");
        assertThat(search(null, col("age", "=", "35", "or"), col("age", "=", "-1"))
                        .total())
                .isEqualTo(1);
    }

    @Test
    void likeMatchesTheValueLiterallyAsASubstring() {
        assertThat(names(search(null, col("name", "like", "50%")))).containsExactly("50% off");
        assertThat(names(search("name", col("name", "like", "a_b")))).containsExactly("a_b");
        assertThat(names(search(null, col("name", "LIKE", "k\\s")))).containsExactly("back\\slash");
        assertThat(names(search(null, col("name", "like", "h!")))).containsExactly("ouch!");
        assertThat(names(search("created_at", col("name", "like", "off")))).containsExactly("50% off", "50 pct off");
        assertThat(search(null, col("name", "like", "%")).total()).isEqualTo(1);
        assertThat(search(null, col("name", "like", "")).total()).isEqualTo(10);
    }

    @Test
    void sortsAscendingAndDescendingWithIdAsTieBreaker() {
        assertThat(names(search("age")))
                .containsExactly(
                        "a_b",
                        "axb",
                        "back\\slash",
                        "backxslash",
                        "ouch!",
                        "alice",
                        "50% off",
                        "50 pct off",
                        "bob",
                        "carol");
        assertThat(names(search("-age")))
                .containsExactly(
                        "carol",
                        "bob",
                        "50 pct off",
                        "50% off",
                        "alice",
                        "ouch!",
                        "backxslash",
                        "back\\slash",
                        "axb",
                        "a_b");
        assertThat(names(search("-createdAt"))).isEqualTo(liveNamesNewestFirst());
        assertThat(names(search("age,-created_at", col("age", "=", "30")))).containsExactly("50 pct off", "50% off");
        assertThat(names(search(" ", col("age", "<", "22")))).containsExactly("axb", "a_b");
    }

    @Test
    void pagesThroughTheListWithAStableTotal() {
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            Page<User> result = store.search(new UserQuery(page, 3, null, List.of()));
            assertThat(result.total()).isEqualTo(10);
            assertThat(result.items()).hasSize(page < 3 ? 3 : 1);
            seen.addAll(names(result));
        }
        assertThat(seen).isEqualTo(liveNamesNewestFirst());

        Page<User> beyond = store.search(new UserQuery(7, 3, null, List.of()));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(10);
        Page<User> filtered = store.search(new UserQuery(1, 1, "age", List.of(col("age", ">=", "35"))));
        assertThat(names(filtered)).containsExactly("carol");
        assertThat(filtered.total()).isEqualTo(2);
    }

    @Test
    void timeColumnsCompareWithUnixSeconds() {
        String t = String.valueOf(BASE); // alice was created at BASE + 0.25 s
        assertThat(names(search(null, col("createdAt", "=", t)))).containsExactly("alice");
        assertThat(search(null, col("created_at", "!=", t)).total()).isEqualTo(9);
        assertThat(search(null, col("createdAt", ">", t)).total()).isEqualTo(9);
        assertThat(search(null, col("createdAt", ">=", t)).total()).isEqualTo(10);
        assertThat(names(search(null, col("createdAt", "<", String.valueOf(BASE + 10)))))
                .containsExactly("alice");
        assertThat(names(search("-created_at", col("createdAt", "lte", String.valueOf(BASE + 10)))))
                .containsExactly("bob", "alice");
        assertThat(names(search(null, col("updatedAt", ">=", String.valueOf(BASE + 200)))))
                .containsExactly("carol", "alice");
        // a user who never logged in has loginAt 0, as the API shows it
        assertThat(names(search(null, col("loginAt", ">", "0")))).containsExactly("bob");
        assertThat(search(null, col("login_at", "=", "0")).total()).isEqualTo(9);
        assertThat(names(search("-loginAt", col("age", ">=", "35")))).containsExactly("bob", "carol");
    }

    @Test
    void anInjectionAttemptInAValueIsJustAValue() {
        Page<User> page = search(null, col("name", "=", "' OR '1'='1"));
        assertThat(page.total()).isZero();
        assertThat(page.items()).isEmpty();
        assertThat(search(null, col("name", "like", "' OR '1'='1")).total()).isZero();
        assertThat(search(null, col("name", "=", "x\\' OR 1=1 -- ")).total()).isZero();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                // sort
                "password            | name     | =    | x       | and  | params.sort",
                "id; DROP TABLE user | name     | =    | x       | and  | params.sort",
                "-deleted_at         | name     | =    | x       | and  | params.sort",
                "name,               | name     | =    | x       | and  | params.sort",
                "-                   | name     | =    | x       | and  | params.sort",
                // columns
                "null                | password | =    | x       | and  | params.columns[0].name",
                "null                | deleted_at | =  | 0       | and  | params.columns[0].name",
                "null                | login_ip | =    | x       | and  | params.columns[0].name",
                "null                | name) OR (1=1 | = | x      | and  | params.columns[0].name",
                "null                | null     | =    | x       | and  | params.columns[0].name",
                "null                | name     | ~    | x       | and  | params.columns[0].exp",
                "null                | name     | = 1 OR 1=1 | x | and  | params.columns[0].exp",
                "null                | age      | like | 3       | and  | params.columns[0].exp",
                "null                | age      | =    | 3 OR 1=1 | and | params.columns[0].value",
                "null                | createdAt | >   | yesterday | and | params.columns[0].value",
                "null                | createdAt | >   | -1      | and  | params.columns[0].value",
                "null                | role     | =    | root    | and  | params.columns[0].value",
                "null                | name     | =    | null    | and  | params.columns[0].value",
                "null                | name     | =    | x       | xor  | params.columns[0].logic"
            })
    void rejectsAnythingOutsideTheAllowLists(
            String sort, String name, String exp, String value, String logic, String field) {
        DomainException e = catchThrowableOfType(
                DomainException.class,
                () -> store.search(new UserQuery(0, 10, sort, List.of(new Column(name, exp, value, logic)))));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(ErrorReason.INVALID_PARAMS);
        assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly(field);
        assertThat(search(null).total()).isEqualTo(10);
    }

    @Test
    void namesTheFilterThatIsWrong() {
        DomainException e = catchThrowableOfType(
                DomainException.class, () -> search(null, col("name", "=", "alice"), col("password", "=", "x")));

        assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("params.columns[1].name");
    }

    @ParameterizedTest
    @CsvSource({"0, 0, limit", "0, 101, limit", "-1, 10, page"})
    void rejectsPagingOutOfRange(int page, int limit, String field) {
        DomainException e = catchThrowableOfType(
                DomainException.class, () -> store.search(new UserQuery(page, limit, null, List.of())));

        assertThat(e.reason()).isEqualTo(ErrorReason.INVALID_PARAMS);
        assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly(field);
    }

    @Test
    void rejectsTooManyFilters() {
        Column[] many = new Column[UserSearch.MAX_COLUMNS + 1];
        Arrays.fill(many, col("age", ">", "0"));

        DomainException e = catchThrowableOfType(DomainException.class, () -> search(null, many));

        assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("params.columns");
    }
}
