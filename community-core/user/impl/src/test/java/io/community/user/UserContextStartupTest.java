package io.community.user;

import io.community.common.mail.MailSender;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The user context is built when the process starts, so its settings fail the start, not the first request. */
class UserContextStartupTest {

    private static Map<String, Object> config(String database, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                "datasources.default.url",
                        "jdbc:h2:mem:" + database + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "datasources.default.username", "sa",
                "datasources.default.password", ""));
        config.putAll(extra);
        return config;
    }

    @Test
    void theServiceAndItsMailSenderExistAsSoonAsTheContextRuns() {
        try (ApplicationContext ctx = ApplicationContext.run(config("startup_ok", Map.of()), "test")) {
            assertThat(ctx.getActiveBeanRegistrations(UserService.class)).hasSize(1);
            assertThat(ctx.getActiveBeanRegistrations(MailSender.class)).hasSize(1);
        }
    }

    @Test
    void anSmtpSinkWithoutHostStopsTheStart() {
        assertThatThrownBy(() -> ApplicationContext.run(
                                config("startup_smtp", Map.of("community.mail.sink", "smtp")), "test")
                        .close())
                .hasStackTraceContaining("community.mail.smtp.host");
    }
}
