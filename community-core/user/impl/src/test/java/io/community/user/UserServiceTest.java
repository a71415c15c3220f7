package io.community.user;

import io.community.common.cache.InMemoryCache;
import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.mail.MailMessage;
import io.community.common.testing.MutableClock;
import io.community.common.token.TokenCodec;
import io.community.common.tx.AfterCommit;
import io.community.user.api.LoginResult;
import io.community.user.api.ProfileChanges;
import io.community.user.api.User;
import io.community.user.api.UserQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Use cases against in-memory fakes of their ports: rules, not storage. */
class UserServiceTest {
    private static final Pattern CODE = Pattern.compile("(\\d{6})");

    private final List<MailMessage> outbox = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private FakeUserStore store;
    private InMemoryCache cache;
    private FakeSessionStore sessions;
    private UserService service;
    private TokenCodec tokens;
    private final RecordedEvents events = new RecordedEvents();

    /** What the service announced, in order: {@code s:<session>} or {@code u:<user>}. */
    static final class RecordedEvents implements SessionEvents {
        final List<String> seen = new ArrayList<>();

        @Override
        public void sessionEnded(String sessionId) {
            seen.add("s:" + sessionId);
        }

        @Override
        public void userChanged(long userId) {
            seen.add("u:" + userId);
        }
    }

    /** A hasher that is obviously not bcrypt, so tests run in microseconds. */
    static final class PlainHasher implements PasswordHasher {
        @Override
        public String hash(String password) {
            return "h:" + password;
        }

        @Override
        public boolean matches(String password, String hash) {
            return hash.equals("h:" + password);
        }
    }

    @BeforeEach
    void setUp() {
        store = new FakeUserStore();
        cache = new InMemoryCache();
        tokens = new TokenCodec(
                "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
                "community",
                Duration.ofHours(1),
                clock);
        UserProperties properties = new UserProperties();
        properties.setAdminEmails(List.of("Boss@Example.com"));
        sessions = new FakeSessionStore();
        service = new UserService(
                store,
                sessions,
                new EmailCodeStore(
                        cache, new SecureRandom(), clock, Duration.ofMinutes(10), Duration.ofSeconds(60), 5, 20),
                new LoginThrottle(cache, new InMemoryCache(), clock, 3, 10, Duration.ofMinutes(15)),
                new PlainHasher(),
                tokens,
                outbox::add,
                AfterCommit.immediate(),
                events,
                clock,
                properties);
    }

    private String lastCodeFor(String email) {
        MailMessage mail = outbox.stream()
                .filter(m -> m.to().equals(email))
                .reduce((a, b) -> b)
                .orElseThrow();
        Matcher m = CODE.matcher(mail.text());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private long registered(String email, String password) {
        service.sendEmailCode(email, "192.0.2.1");
        return service.register(email, lastCodeFor(email), password);
    }

    private static void assertReason(Runnable call, ErrorReason reason) {
        assertThatThrownBy(call::run)
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).reason())
                .isEqualTo(reason);
    }

    @Test
    void registersWithTheMailedCodeAndLogsIn() {
        long id = registered("a@example.com", "password1");
        LoginResult login = service.login("A@Example.com ", "password1", "2001:db8::1");
        assertThat(login.id()).isEqualTo(id);
        Actor actor = service.authenticate(login.token());
        assertThat(actor).isEqualTo(new Actor(id, Role.USER));
        assertThat(store.findById(id).orElseThrow().loginIp()).isEqualTo("2001:db8::1");
        assertThat(store.hashOf(id)).isEqualTo("h:password1");
    }

    @Test
    void codesAreSixDigitsAndSingleUse() {
        service.sendEmailCode("a@example.com", "192.0.2.1");
        String code = lastCodeFor("a@example.com");
        assertThat(code).matches("\\d{6}");
        service.register("a@example.com", code, "password1");
        store.softDelete(store.findByEmail("a@example.com").orElseThrow().id(), clock.instant());
        // Even if the address were free again, the consumed code does not work twice.
        assertReason(() -> service.register("a@example.com", code, "password1"), ErrorReason.EMAIL_CODE_INVALID);
    }

    @Test
    void wrongCodeFiveTimesVoidsTheCode() {
        service.sendEmailCode("a@example.com", "192.0.2.1");
        String code = lastCodeFor("a@example.com");
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertReason(() -> service.register("a@example.com", wrong, "password1"), ErrorReason.EMAIL_CODE_INVALID);
        }
        assertReason(() -> service.register("a@example.com", code, "password1"), ErrorReason.EMAIL_CODE_INVALID);
    }

    @Test
    void fourWrongTriesStillLeaveTheCodeUsable() {
        service.sendEmailCode("a@example.com", "192.0.2.1");
        String code = lastCodeFor("a@example.com");
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 4; i++) {
            assertReason(() -> service.register("a@example.com", wrong, "password1"), ErrorReason.EMAIL_CODE_INVALID);
        }
        assertThat(service.register("a@example.com", code, "password1")).isPositive();
    }

    @Test
    void resendWithinTheIntervalIsRateLimitedAndRegisteredEmailsConflict() {
        service.sendEmailCode("a@example.com", "192.0.2.1");
        assertReason(() -> service.sendEmailCode("a@example.com", "192.0.2.1"), ErrorReason.TOO_MANY_REQUESTS);
        service.register("a@example.com", lastCodeFor("a@example.com"), "password1");
        assertReason(() -> service.sendEmailCode("a@example.com", "192.0.2.1"), ErrorReason.ALREADY_EXISTS);
    }

    @Test
    void aFailedMailGivesTheSendSlotBack() {
        UserProperties properties = new UserProperties();
        boolean[] fail = {true};
        UserService flaky = new UserService(
                store,
                new FakeSessionStore(),
                new EmailCodeStore(
                        cache, new SecureRandom(), clock, Duration.ofMinutes(10), Duration.ofSeconds(60), 5, 20),
                new LoginThrottle(cache, new InMemoryCache(), clock, 3, 10, Duration.ofMinutes(15)),
                new PlainHasher(),
                tokens,
                m -> {
                    if (fail[0]) {
                        throw new IllegalStateException("smtp down");
                    }
                    outbox.add(m);
                },
                AfterCommit.immediate(),
                events,
                clock,
                properties);
        assertReason(() -> flaky.sendEmailCode("a@example.com", "192.0.2.1"), ErrorReason.SERVICE_UNAVAILABLE);
        fail[0] = false;
        flaky.sendEmailCode("a@example.com", "192.0.2.1");
        assertThat(outbox).hasSize(1);
    }

    @Test
    void passwordLengthIsCountedInBytes() {
        service.sendEmailCode("a@example.com", "192.0.2.1");
        String code = lastCodeFor("a@example.com");
        assertReason(() -> service.register("a@example.com", code, "short"), ErrorReason.INVALID_PARAMS);
        // 19 four-byte characters are 76 bytes: over bcrypt's limit although only 19 characters.
        assertReason(() -> service.register("a@example.com", code, "😀".repeat(19)), ErrorReason.INVALID_PARAMS);
        assertThat(service.register("a@example.com", code, "😀".repeat(18))).isPositive();
    }

    @Test
    void unknownEmailAndWrongPasswordFailAlike() {
        registered("a@example.com", "password1");
        assertReason(() -> service.login("a@example.com", "wrong-password", "::1"), ErrorReason.LOGIN_FAILED);
        assertReason(() -> service.login("nobody@example.com", "password1", "::1"), ErrorReason.LOGIN_FAILED);
        assertReason(() -> service.login("not an email", "password1", "::1"), ErrorReason.LOGIN_FAILED);
    }

    @Test
    void repeatedFailedLoginsAreThrottledPerEmailAndAddress() {
        long id = registered("a@example.com", "password1");
        for (int i = 0; i < 3; i++) {
            assertReason(() -> service.login("a@example.com", "guess-guess", "198.51.100.7"), ErrorReason.LOGIN_FAILED);
        }
        // even the right password is refused from that address now
        assertReason(() -> service.login("a@example.com", "password1", "198.51.100.7"), ErrorReason.TOO_MANY_REQUESTS);
        // the real user elsewhere is not locked out, and a success there clears only that address
        assertThat(service.login("a@example.com", "password1", "203.0.113.9").id())
                .isEqualTo(id);
        assertReason(() -> service.login("a@example.com", "password1", "198.51.100.7"), ErrorReason.TOO_MANY_REQUESTS);
    }

    @Test
    void aSuccessfulLoginResetsTheFailureCount() {
        registered("a@example.com", "password1");
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 2; i++) {
                assertReason(() -> service.login("a@example.com", "guess-guess", "::1"), ErrorReason.LOGIN_FAILED);
            }
            assertThat(service.login("a@example.com", "password1", "::1").token())
                    .isNotBlank();
        }
    }

    @Test
    void everyLoginIsItsOwnSessionAndLogoutClosesOnlyThatOne() {
        long id = registered("a@example.com", "password1");
        String first = service.login("a@example.com", "password1", "::1").token();
        String second = service.login("a@example.com", "password1", "::1").token();
        assertThat(tokens.verify(first).jti())
                .isNotEqualTo(tokens.verify(second).jti());
        Actor actor = service.authenticate(first);
        service.logout(actor, first);
        assertReason(() -> service.authenticate(first), ErrorReason.TOKEN_INVALID);
        assertThat(service.authenticate(second).userId()).isEqualTo(id);
    }

    @Test
    void everyRevocationIsAnnouncedAndNothingElseIs() {
        long id = registered("a@example.com", "password1");
        long other = registered("b@example.com", "password3");
        String first = service.login("a@example.com", "password1", "::1").token();
        Actor actor = service.authenticate(first);
        service.get(actor, id);
        service.update(actor, id, new io.community.user.api.ProfileChanges("A", null, null, null, null, null, null));
        assertThat(events.seen)
                .as("logins, reads and profile edits end no session")
                .isEmpty();

        service.logout(actor, first);
        assertThat(events.seen).containsExactly("s:" + tokens.verify(first).jti());

        String second = service.login("a@example.com", "password1", "::1").token();
        service.changePassword(service.authenticate(second), id, "password1", "password2");
        assertThat(events.seen).endsWith("u:" + id);

        String third = service.login("b@example.com", "password3", "::1").token();
        service.delete(service.authenticate(third), other);
        assertThat(events.seen).containsExactly("s:" + tokens.verify(first).jti(), "u:" + id, "u:" + other);
    }

    @Test
    void passwordChangeNeedsTheOldPasswordAndRevokesEverySession() {
        long id = registered("a@example.com", "password1");
        String t1 = service.login("a@example.com", "password1", "::1").token();
        String t2 = service.login("a@example.com", "password1", "::1").token();
        Actor actor = service.authenticate(t1);
        assertReason(() -> service.changePassword(actor, id, "not-it-at-all", "password2"), ErrorReason.INVALID_PARAMS);
        service.changePassword(actor, id, "password1", "password2");
        assertReason(() -> service.authenticate(t1), ErrorReason.TOKEN_INVALID);
        assertReason(() -> service.authenticate(t2), ErrorReason.TOKEN_INVALID);
        assertReason(() -> service.login("a@example.com", "password1", "::1"), ErrorReason.LOGIN_FAILED);
        String fresh = service.login("a@example.com", "password2", "::1").token();
        assertThat(service.authenticate(fresh).userId()).isEqualTo(id);
    }

    @Test
    void onlyTheUserThemselfOrAnAdminMayChangeOrDeleteAUser() {
        long a = registered("a@example.com", "password1");
        long b = registered("b@example.com", "password2");
        long boss = registered("boss@example.com", "password3");
        Actor actorB = new Actor(b, Role.USER);
        Actor admin = service.authenticate(
                service.login("boss@example.com", "password3", "::1").token());
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        ProfileChanges rename = new ProfileChanges("x", null, null, null, null, null, null);
        assertReason(() -> service.update(actorB, a, rename), ErrorReason.FORBIDDEN);
        assertReason(() -> service.delete(actorB, a), ErrorReason.FORBIDDEN);
        assertReason(() -> service.changePassword(actorB, a, "password2", "password9"), ErrorReason.FORBIDDEN);
        assertReason(() -> service.changePassword(admin, a, "password1", "password9"), ErrorReason.FORBIDDEN);
        assertReason(() -> service.list(actorB, new UserQuery(0, 10, null, List.of())), ErrorReason.FORBIDDEN);
        service.update(admin, a, rename);
        assertThat(service.get(actorB, a).name()).isEqualTo("x");
        assertThat(service.list(admin, new UserQuery(0, 10, null, List.of())).total())
                .isEqualTo(3);
        service.delete(admin, a);
        assertReason(() -> service.get(admin, a), ErrorReason.NOT_FOUND);
        assertThat(boss).isPositive();
    }

    @Test
    void othersDoNotSeeContactData() {
        long a = registered("a@example.com", "password1");
        long b = registered("b@example.com", "password2");
        service.update(
                new Actor(a, Role.USER), a, new ProfileChanges(null, null, "+49 30 1234", null, null, null, null));
        User seenByB = service.get(new Actor(b, Role.USER), a);
        assertThat(seenByB.email()).isNull();
        assertThat(seenByB.phone()).isNull();
        User seenBySelf = service.get(new Actor(a, Role.USER), a);
        assertThat(seenBySelf.email()).isEqualTo("a@example.com");
        assertThat(seenBySelf.phone()).isEqualTo("+49 30 1234");
    }

    @Test
    void deletingAUserRevokesItsSessions() {
        long id = registered("a@example.com", "password1");
        String token = service.login("a@example.com", "password1", "::1").token();
        service.delete(service.authenticate(token), id);
        assertReason(() -> service.authenticate(token), ErrorReason.TOKEN_INVALID);
        assertReason(() -> service.login("a@example.com", "password1", "::1"), ErrorReason.LOGIN_FAILED);
    }

    @Test
    void expiredTokensAreRejected() {
        registered("a@example.com", "password1");
        String token = service.login("a@example.com", "password1", "::1").token();
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertReason(() -> service.authenticate(token), ErrorReason.TOKEN_INVALID);
    }

    @Test
    void profileRulesAreEnforced() {
        long a = registered("a@example.com", "password1");
        Actor self = new Actor(a, Role.USER);
        assertReason(
                () -> service.update(self, a, new ProfileChanges(null, null, null, null, 3, null, null)),
                ErrorReason.INVALID_PARAMS);
        assertReason(
                () -> service.update(self, a, new ProfileChanges(null, null, null, null, null, 151, null)),
                ErrorReason.INVALID_PARAMS);
        assertReason(
                () -> service.update(self, a, new ProfileChanges(null, null, null, null, null, null, "2026-13-01")),
                ErrorReason.INVALID_PARAMS);
        assertReason(
                () -> service.update(self, a, new ProfileChanges("n".repeat(51), null, null, null, null, null, null)),
                ErrorReason.INVALID_PARAMS);
        service.update(self, a, new ProfileChanges("😀".repeat(50), null, null, null, 2, 150, "2000-02-29"));
        assertThat(service.get(self, a).name()).isEqualTo("😀".repeat(50));
    }

    @Test
    void summariesSkipUnknownAndDeletedUsers() {
        long a = registered("a@example.com", "password1");
        long b = registered("b@example.com", "password2");
        service.delete(new Actor(b, Role.USER), b);
        assertThat(service.summaries(List.of(a, b, 999L))).containsOnlyKeys(a);
        assertThat(service.summaries(List.of(a)).get(a).name()).isEqualTo("a");
    }

    @Test
    void configuredAdminsArePromotedAtStartup() {
        long id = registered("boss@example.com", "password1");
        assertThat(store.findById(id).orElseThrow().role()).isEqualTo(Role.ADMIN);
        store.setRoleByEmail("boss@example.com", Role.USER, clock.instant());
        service.promoteConfiguredAdmins();
        assertThat(store.findById(id).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    // --- limits carry a retry time; abuse beyond one email --------------------------------------

    private static Duration retryAfterOf(Runnable call, ErrorReason reason) {
        try {
            call.run();
        } catch (DomainException e) {
            assertThat(e.reason()).isEqualTo(reason);
            return e.retryAfter().orElseThrow(() -> new AssertionError("no retry time on " + reason));
        }
        throw new AssertionError("expected " + reason);
    }

    @Test
    void everyTooManyRequestsSaysWhenToTryAgain() {
        service.sendEmailCode("a@example.com", "192.0.2.1");
        clock.advance(Duration.ofSeconds(15));
        assertThat(retryAfterOf(
                        () -> service.sendEmailCode("a@example.com", "192.0.2.1"), ErrorReason.TOO_MANY_REQUESTS))
                .isEqualTo(Duration.ofSeconds(45));

        registered("b@example.com", "password1");
        for (int i = 0; i < 3; i++) {
            assertReason(() -> service.login("b@example.com", "guess-guess", "198.51.100.7"), ErrorReason.LOGIN_FAILED);
        }
        // windows are aligned to the clock: 00:00:15 is 14 min 45 s before the 15-minute window ends
        assertThat(retryAfterOf(
                        () -> service.login("b@example.com", "password1", "198.51.100.7"),
                        ErrorReason.TOO_MANY_REQUESTS))
                .isEqualTo(Duration.ofMinutes(14).plusSeconds(45));
        clock.advance(Duration.ofMinutes(15));
        assertThat(service.login("b@example.com", "password1", "198.51.100.7").token())
                .isNotBlank();
    }

    @Test
    void onePasswordTriedOverManyEmailsFromOneAddressIsLimited() {
        long victim = registered("victim@example.com", "Winter2026");
        String sprayer = "203.0.113.66";
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            String email = i == 25 ? "victim@example.com" : "user" + i + "@example.com";
            try {
                service.login(email, "Winter2025", sprayer);
            } catch (DomainException e) {
                if (e.reason() == ErrorReason.TOO_MANY_REQUESTS) {
                    refused++;
                    assertThat(e.retryAfter()).isPresent();
                } else {
                    assertThat(e.reason()).isEqualTo(ErrorReason.LOGIN_FAILED);
                }
            }
        }
        // 10 failures per address in this setup (3 per email and address): the rest are refused
        assertThat(refused).isEqualTo(20);
        // even the right password of the 26th account is refused from that address...
        assertReason(() -> service.login("victim@example.com", "Winter2026", sprayer), ErrorReason.TOO_MANY_REQUESTS);
        // ...while its owner, elsewhere, logs in
        assertThat(service.login("victim@example.com", "Winter2026", "192.0.2.50")
                        .id())
                .isEqualTo(victim);
    }

    @Test
    void codeSendsAreLimitedPerClientAddressAndDay() {
        clock.advance(Duration.ofHours(18)); // 18:00 UTC
        for (int i = 0; i < 20; i++) {
            service.sendEmailCode("new" + i + "@example.com", "198.51.100.9");
        }
        assertThat(retryAfterOf(
                        () -> service.sendEmailCode("new20@example.com", "198.51.100.9"),
                        ErrorReason.TOO_MANY_REQUESTS))
                .isEqualTo(Duration.ofHours(6));
        // the refusal did not take the email's slot: from another address it is sent at once
        service.sendEmailCode("new20@example.com", "198.51.100.10");
        assertThat(outbox).hasSize(21);
        clock.advance(Duration.ofHours(6)); // the next UTC day
        service.sendEmailCode("new21@example.com", "198.51.100.9");
        assertThat(outbox).hasSize(22);
    }

    // --- the cache unavailable ------------------------------------------------------------------

    /** A shared cache that is down: every call fails as the Redis cache does with its breaker open. */
    private static final class DownCache implements io.community.common.cache.KeyValueCache {
        @Override
        public java.util.Optional<String> get(String key) {
            throw down();
        }

        @Override
        public java.util.Map<String, String> getAll(java.util.Collection<String> keys) {
            throw down();
        }

        @Override
        public void put(String key, String value, Duration ttl) {
            throw down();
        }

        @Override
        public boolean putIfAbsent(String key, String value, Duration ttl) {
            throw down();
        }

        @Override
        public long increment(String key, Duration ttlIfNew) {
            throw down();
        }

        @Override
        public boolean delete(String key) {
            throw down();
        }

        @Override
        public void deleteAll(java.util.Collection<String> keys) {
            throw down();
        }

        private static RuntimeException down() {
            return new io.community.common.cache.CacheUnavailableException("down", Duration.ofSeconds(2), null);
        }
    }

    private UserService withSharedCache(io.community.common.cache.KeyValueCache shared) {
        return new UserService(
                store,
                sessions,
                new EmailCodeStore(
                        shared, new SecureRandom(), clock, Duration.ofMinutes(10), Duration.ofSeconds(60), 5, 20),
                new LoginThrottle(shared, new InMemoryCache(), clock, 3, 10, Duration.ofMinutes(15)),
                new PlainHasher(),
                tokens,
                outbox::add,
                AfterCommit.immediate(),
                events,
                clock,
                new UserProperties());
    }

    @Test
    void codesAnswer503WithARetryTimeWhileTheCacheIsDown() {
        UserService down = withSharedCache(new DownCache());
        assertThat(retryAfterOf(
                        () -> down.sendEmailCode("a@example.com", "192.0.2.1"), ErrorReason.SERVICE_UNAVAILABLE))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(retryAfterOf(
                        () -> down.register("a@example.com", "123456", "password1"), ErrorReason.SERVICE_UNAVAILABLE))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(outbox).isEmpty();
    }

    @Test
    void loginLimitsFallBackToThisProcessWhileTheCacheIsDown() {
        long id = registered("a@example.com", "password1");
        UserService down = withSharedCache(new DownCache());
        // logins still work, sessions included
        String token = down.login("a@example.com", "password1", "198.51.100.7").token();
        assertThat(down.authenticate(token).userId()).isEqualTo(id);
        // and failures are still limited, counted in this process
        for (int i = 0; i < 3; i++) {
            assertReason(() -> down.login("a@example.com", "guess-guess", "198.51.100.7"), ErrorReason.LOGIN_FAILED);
        }
        assertThat(retryAfterOf(
                        () -> down.login("a@example.com", "password1", "198.51.100.7"), ErrorReason.TOO_MANY_REQUESTS))
                .isPositive();
    }

    // --- sessions ---------------------------------------------------------------------------------

    @Test
    void aRevokeAllEndsOlderSessionsForGoodWhateverTheClockSaysAndNewOnesWork() {
        long id = registered("a@example.com", "password1");
        String before = service.login("a@example.com", "password1", "::1").token();
        service.changePassword(service.authenticate(before), id, "password1", "password2");
        String after = service.login("a@example.com", "password2", "::1").token();
        assertThat(service.authenticate(after).userId()).isEqualTo(id);
        // an instance whose clock is behind: the revocation is a fact on the row, not a time comparison
        clock.advance(Duration.ofMinutes(-30));
        assertReason(() -> service.authenticate(before), ErrorReason.TOKEN_INVALID);
        clock.advance(Duration.ofMinutes(30));
        assertReason(() -> service.authenticate(before), ErrorReason.TOKEN_INVALID);
        assertThat(sessions.rows.values())
                .filteredOn(s -> s.revokedAt() == null)
                .hasSize(1);
    }

    @Test
    void theCleanupDeletesSessionsAnHourPastTheirExpiry() {
        registered("a@example.com", "password1");
        service.login("a@example.com", "password1", "::1");
        clock.advance(Duration.ofHours(2)); // token TTL 1 h here
        service.login("a@example.com", "password1", "::1");
        UserProperties properties = new UserProperties();
        SessionCleanup cleanup = new SessionCleanup(sessions, clock, properties);
        assertThat(cleanup.run()).isEqualTo(0); // expired 1 h ago: still within the grace
        clock.advance(Duration.ofMinutes(1));
        assertThat(cleanup.run()).isEqualTo(1);
        assertThat(sessions.rows).hasSize(1);
    }
}
