package io.community.user;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.mail.MailMessage;
import io.community.common.mail.MailSender;
import io.community.common.paging.Page;
import io.community.common.token.TokenClaims;
import io.community.common.token.TokenCodec;
import io.community.common.tx.AfterCommit;
import io.community.user.api.LoginResult;
import io.community.user.api.ProfileChanges;
import io.community.user.api.User;
import io.community.user.api.UserQuery;
import io.community.user.api.UserSummary;
import io.community.user.api.UserUseCases;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The user context's use cases. Transactions live here; storage and caching are behind {@link UserStore}.
 * Eager ({@code @Context}): built at start-up with its collaborators, so bad settings of any of them
 * (the mail sender's SMTP host, say) stop the process at once instead of failing the first request.
 */
@Context
public class UserService implements UserUseCases {
    private static final Logger LOG = LoggerFactory.getLogger(UserService.class);

    private final UserStore users;
    private final SessionStore sessions;
    private final EmailCodeStore codes;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final TokenCodec tokens;
    private final MailSender mail;
    private final AfterCommit afterCommit;
    private final SessionEvents events;
    private final Clock clock;
    private final Set<String> adminEmails;
    // Compared against when the email is unknown, so both failures take as long as a real check.
    // Hashed off the start-up path (a bcrypt hash is ~10 % of the main thread's start-up work);
    // the first failed login waits for it.
    private final CompletableFuture<String> timingDummyHash;

    public UserService(
            UserStore users,
            SessionStore sessions,
            EmailCodeStore codes,
            LoginThrottle throttle,
            PasswordHasher hasher,
            TokenCodec tokens,
            MailSender mail,
            AfterCommit afterCommit,
            SessionEvents events,
            Clock clock,
            UserProperties properties) {
        this.users = users;
        this.sessions = sessions;
        this.codes = codes;
        this.throttle = throttle;
        this.hasher = hasher;
        this.tokens = tokens;
        this.mail = mail;
        this.afterCommit = afterCommit;
        this.events = events;
        this.clock = clock;
        this.adminEmails = Set.copyOf(properties.getAdminEmails());
        this.timingDummyHash = CompletableFuture.supplyAsync(
                () -> hasher.hash(UUID.randomUUID().toString()));
    }

    @Override
    public void sendEmailCode(String rawEmail, @Nullable String clientIp) {
        String email = UserRules.email(rawEmail);
        if (users.emailTaken(email)) {
            throw new DomainException(ErrorReason.ALREADY_EXISTS, "email already registered");
        }
        String code;
        try {
            Optional<Duration> wait = codes.reserveSend(email);
            if (wait.isPresent()) {
                throw DomainException.tooManyRequests("a code was sent to this address recently", wait.get());
            }
            Optional<Duration> dayFull = codes.countSendFrom(clientIp == null ? "" : clientIp);
            if (dayFull.isPresent()) {
                codes.releaseSend(email);
                throw DomainException.tooManyRequests(
                        "too many codes sent from this client address today", dayFull.get());
            }
            code = codes.issue(email);
        } catch (EmailCodeStore.Unavailable e) {
            LOG.warn("Verification code not sent, the cache is unavailable: {}", e.getMessage());
            throw DomainException.unavailable("verification codes are unavailable right now", e.retryAfter());
        }
        try {
            mail.send(new MailMessage(
                    email,
                    "Your Community verification code",
                    "Your verification code is " + code + ". It is valid for 10 minutes.\n"
                            + "If you did not ask for it, ignore this mail."));
        } catch (RuntimeException e) {
            codes.consume(email);
            codes.releaseSend(email);
            LOG.error("Sending the verification mail failed: {}", e.getMessage());
            throw new DomainException(ErrorReason.SERVICE_UNAVAILABLE, "the verification mail could not be sent");
        }
    }

    @Override
    @Transactional
    public long register(String rawEmail, String emailCode, String password) {
        String email = UserRules.email(rawEmail);
        UserRules.code(emailCode);
        UserRules.newPassword("password", password);
        // The code is checked first and consumed only after commit: a reused code fails as a code,
        // and concurrent duplicates all pass it and meet the unique key instead (409).
        boolean valid;
        try {
            valid = codes.verify(email, emailCode);
        } catch (EmailCodeStore.Unavailable e) {
            throw DomainException.unavailable("verification codes are unavailable right now", e.retryAfter());
        }
        if (!valid) {
            throw new DomainException(ErrorReason.EMAIL_CODE_INVALID);
        }
        if (users.emailTaken(email)) {
            throw new DomainException(ErrorReason.ALREADY_EXISTS, "email already registered");
        }
        Role role = adminEmails.contains(email) ? Role.ADMIN : Role.USER;
        long id;
        try {
            id = users.insert(new UserStore.NewUser(
                    email, hasher.hash(password), email.substring(0, email.indexOf('@')), role, now()));
        } catch (UserStore.DuplicateEmailException e) {
            throw new DomainException(ErrorReason.ALREADY_EXISTS, "email already registered");
        }
        afterCommit.run(() -> codes.consume(email));
        return id;
    }

    @Override
    @Transactional
    public LoginResult login(String rawEmail, String password, String clientIp) {
        String email;
        try {
            email = UserRules.email(rawEmail);
        } catch (DomainException e) {
            throw new DomainException(ErrorReason.LOGIN_FAILED);
        }
        String ip = clientIp == null ? "" : clientIp;
        Optional<Duration> blocked = throttle.blocked(email, ip);
        if (blocked.isPresent()) {
            throw DomainException.tooManyRequests("too many failed logins; try again later", blocked.get());
        }
        var credentials = users.findCredentialsByEmail(email);
        String pw = password == null ? "" : password;
        boolean ok;
        if (credentials.isPresent()) {
            ok = hasher.matches(pw, credentials.get().passwordHash());
        } else {
            hasher.matches(pw, timingDummyHash.join());
            ok = false;
        }
        if (!ok) {
            throttle.failed(email, ip);
            throw new DomainException(ErrorReason.LOGIN_FAILED);
        }
        throttle.succeeded(email, ip);
        long id = credentials.get().id();
        Instant now = now();
        String jti = UUID.randomUUID().toString();
        users.recordLogin(id, now, ip);
        // in the login's transaction: the token exists only if its session row does
        sessions.open(new Session(jti, id, now, now.plus(tokens.ttl()), null));
        return new LoginResult(id, tokens.issue(id, jti, now));
    }

    @Override
    public Actor authenticate(String token) {
        TokenClaims claims = tokens.verify(token);
        Instant now = clock.instant();
        boolean active = sessions.find(claims.jti())
                .filter(session -> session.userId() == claims.userId() && session.activeAt(now))
                .isPresent();
        if (!active) {
            throw new DomainException(ErrorReason.TOKEN_INVALID, "session expired or revoked");
        }
        User user = users.findById(claims.userId())
                .orElseThrow(() -> new DomainException(ErrorReason.TOKEN_INVALID, "session expired or revoked"));
        return new Actor(user.id(), user.role());
    }

    @Override
    @Transactional
    public void logout(Actor actor, String presentedToken) {
        TokenClaims claims = tokens.verify(presentedToken);
        if (claims.userId() != actor.userId()) {
            throw DomainException.forbidden("only the presented session can be logged out");
        }
        sessions.revoke(claims.jti(), now());
        afterCommit.run(() -> events.sessionEnded(claims.jti()));
    }

    @Override
    public User get(Actor actor, long id) {
        User user = users.findById(id).orElseThrow(() -> DomainException.notFound("user"));
        return actor.is(id) || actor.isAdmin() ? user : user.withoutContactData();
    }

    @Override
    @Transactional
    public void update(Actor actor, long id, ProfileChanges changes) {
        actor.requireSelfOrAdmin(id);
        UserRules.profile(changes);
        if (!users.updateProfile(id, changes, now())) {
            throw DomainException.notFound("user");
        }
    }

    @Override
    @Transactional
    public void delete(Actor actor, long id) {
        actor.requireSelfOrAdmin(id);
        if (!users.softDelete(id, now())) {
            throw DomainException.notFound("user");
        }
        // same transaction as the deletion: both or neither; the cache drops its copies after commit
        sessions.revokeAll(id, now());
        afterCommit.run(() -> events.userChanged(id));
    }

    @Override
    @Transactional
    public Page<User> list(Actor actor, UserQuery query) {
        actor.requireAdmin();
        return users.search(query);
    }

    @Override
    @Transactional
    public void changePassword(Actor actor, long id, String oldPassword, String newPassword) {
        actor.requireSelf(id);
        UserRules.newPassword("password", newPassword);
        var credentials = users.findCredentialsById(id).orElseThrow(() -> DomainException.notFound("user"));
        if (oldPassword == null || !hasher.matches(oldPassword, credentials.passwordHash())) {
            throw DomainException.invalidField("oldPassword", "does not match the current password");
        }
        if (!users.updatePasswordHash(id, hasher.hash(newPassword), now())) {
            throw DomainException.notFound("user");
        }
        sessions.revokeAll(id, now());
        afterCommit.run(() -> events.userChanged(id));
    }

    @Override
    public Map<Long, UserSummary> summaries(Collection<Long> ids) {
        Map<Long, UserSummary> result = new LinkedHashMap<>();
        users.findByIds(ids)
                .forEach((id, u) -> result.put(id, new UserSummary(u.id(), u.name(), u.nickName(), u.avatar())));
        return result;
    }

    /** Gives the configured bootstrap admins their role, for users who registered before being listed. */
    @Transactional
    public void promoteConfiguredAdmins() {
        for (String email : adminEmails) {
            users.setRoleByEmail(email, Role.ADMIN, now()).ifPresent(id -> {
                LOG.info("User {} has the admin role from configuration", id);
                // a session checked before carries the old role
                afterCommit.run(() -> events.userChanged(id));
            });
        }
    }

    private Instant now() {
        // The database keeps microseconds; truncating here makes what we return equal what we store.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
