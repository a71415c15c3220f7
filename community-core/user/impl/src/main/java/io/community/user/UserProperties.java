package io.community.user;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** {@code community.user.*}: the user context's tunables. */
@ConfigurationProperties("community.user")
public class UserProperties {
    /** Users registered (or already registered) with these emails get the admin role. */
    private List<String> adminEmails = List.of();

    @Min(10)
    @Max(16)
    private int bcryptCost = 10;

    private Duration codeTtl = Duration.ofMinutes(10);
    private Duration codeResendInterval = Duration.ofSeconds(60);
    private int codeMaxAttempts = 5;
    /** Failed logins for one email from one address in a window before further attempts get 429. */
    @Min(1)
    private int loginMaxFailures = 10;
    /**
     * Failed logins from one address across all emails in a window before every further login from
     * it gets 429 (password spraying). Above the per-email limit, so that one user mistyping does not
     * block the address; low enough that one password tried over 30 accounts is stopped.
     */
    @Min(1)
    private int loginMaxFailuresPerAddress = 20;

    private Duration loginFailureWindow = Duration.ofMinutes(15);
    /** Verification codes one client address may have sent per UTC day (any emails). */
    @Min(1)
    private int codeMaxSendsPerAddressPerDay = 20;
    /** How long a user is kept in the cache. */
    private Duration cacheTtl = Duration.ofMinutes(10);
    /** How long a session is kept in the cache (the database has it anyway). */
    private Duration sessionCacheTtl = Duration.ofMinutes(10);
    /** How often expired sessions are deleted from the database, and how many rows per statement. */
    private Duration sessionCleanupInterval = Duration.ofMinutes(10);

    @Min(1)
    private int sessionCleanupBatch = 1000;

    public List<String> getAdminEmails() {
        return adminEmails;
    }

    public void setAdminEmails(List<String> adminEmails) {
        this.adminEmails =
                adminEmails.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).toList();
    }

    public int getBcryptCost() {
        return bcryptCost;
    }

    public void setBcryptCost(int bcryptCost) {
        this.bcryptCost = bcryptCost;
    }

    public Duration getCodeTtl() {
        return codeTtl;
    }

    public void setCodeTtl(Duration codeTtl) {
        this.codeTtl = codeTtl;
    }

    public Duration getCodeResendInterval() {
        return codeResendInterval;
    }

    public void setCodeResendInterval(Duration codeResendInterval) {
        this.codeResendInterval = codeResendInterval;
    }

    public int getCodeMaxAttempts() {
        return codeMaxAttempts;
    }

    public void setCodeMaxAttempts(int codeMaxAttempts) {
        this.codeMaxAttempts = codeMaxAttempts;
    }

    public int getLoginMaxFailures() {
        return loginMaxFailures;
    }

    public void setLoginMaxFailures(int loginMaxFailures) {
        this.loginMaxFailures = loginMaxFailures;
    }

    public Duration getLoginFailureWindow() {
        return loginFailureWindow;
    }

    public void setLoginFailureWindow(Duration loginFailureWindow) {
        this.loginFailureWindow = loginFailureWindow;
    }

    public int getLoginMaxFailuresPerAddress() {
        return loginMaxFailuresPerAddress;
    }

    public void setLoginMaxFailuresPerAddress(int loginMaxFailuresPerAddress) {
        this.loginMaxFailuresPerAddress = loginMaxFailuresPerAddress;
    }

    public int getCodeMaxSendsPerAddressPerDay() {
        return codeMaxSendsPerAddressPerDay;
    }

    public void setCodeMaxSendsPerAddressPerDay(int codeMaxSendsPerAddressPerDay) {
        this.codeMaxSendsPerAddressPerDay = codeMaxSendsPerAddressPerDay;
    }

    public Duration getSessionCacheTtl() {
        return sessionCacheTtl;
    }

    public void setSessionCacheTtl(Duration sessionCacheTtl) {
        this.sessionCacheTtl = sessionCacheTtl;
    }

    public Duration getSessionCleanupInterval() {
        return sessionCleanupInterval;
    }

    public void setSessionCleanupInterval(Duration sessionCleanupInterval) {
        this.sessionCleanupInterval = sessionCleanupInterval;
    }

    public int getSessionCleanupBatch() {
        return sessionCleanupBatch;
    }

    public void setSessionCleanupBatch(int sessionCleanupBatch) {
        this.sessionCleanupBatch = sessionCleanupBatch;
    }

    public Duration getCacheTtl() {
        return cacheTtl;
    }

    public void setCacheTtl(Duration cacheTtl) {
        this.cacheTtl = cacheTtl;
    }
}
