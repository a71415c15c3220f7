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
    /** Failed logins for one email from one address before further attempts get 429. */
    private int loginMaxFailures = 10;
    private Duration loginFailureWindow = Duration.ofMinutes(15);
    /** How long a user is kept in the cache. */
    private Duration cacheTtl = Duration.ofMinutes(10);

    public List<String> getAdminEmails() {
        return adminEmails;
    }

    public void setAdminEmails(List<String> adminEmails) {
        this.adminEmails = adminEmails.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).toList();
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

    public Duration getCacheTtl() {
        return cacheTtl;
    }

    public void setCacheTtl(Duration cacheTtl) {
        this.cacheTtl = cacheTtl;
    }
}
