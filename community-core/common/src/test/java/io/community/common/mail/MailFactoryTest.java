package io.community.common.mail;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starts the real module context, so wiring and binding are checked as production does them. */
class MailFactoryTest {

    @Test
    void defaultsToTheLogSink() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of())) {
            assertThat(ctx.getBean(MailSender.class)).isInstanceOf(LogMailSender.class);
            MailProperties properties = ctx.getBean(MailProperties.class);
            assertThat(properties.getSink()).isEqualTo(MailSink.LOG);
            assertThat(properties.getFrom()).isEqualTo("no-reply@community.local");
            assertThat(properties.getSmtp().getPort()).isEqualTo(25);
            assertThat(properties.getSmtp().getTls()).isEqualTo(MailProperties.Tls.NONE);
            assertThat(properties.getSmtp().getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.getSmtp().getTimeout()).isEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void logSinkWhenConfigured() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("community.mail.sink", "log"))) {
            MailSender sender = ctx.getBean(MailSender.class);
            assertThat(sender).isInstanceOf(LogMailSender.class);
            sender.send(new MailMessage("someone@example.org", "Hello", "Body"));
        }
    }

    @Test
    void smtpSinkWithHost() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "community.mail.sink", "smtp",
                "community.mail.smtp.host", "127.0.0.1"))) {
            assertThat(ctx.getBean(MailSender.class)).isInstanceOf(SmtpMailSender.class);
        }
    }

    @Test
    void nothingIsBuiltWhereNoMailIsSent() {
        // the gateway and the relation/creation services: no sender, so no SMTP settings needed
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("community.mail.sink", "smtp"))) {
            assertThat(ctx.getActiveBeanRegistrations(MailSender.class)).isEmpty();
        }
    }

    @Test
    void smtpSinkWithoutHostFailsWhenTheSenderIsBuilt() {
        assertThatThrownBy(() -> buildSender(Map.of("community.mail.sink", "smtp")))
                .hasMessageContaining("community.mail.smtp.host")
                .satisfies(e -> assertThat(rootConfigurationException(e)).isNotNull());
    }

    @Test
    void smtpSinkWithBlankHostFailsWhenTheSenderIsBuilt() {
        assertThatThrownBy(() -> buildSender(Map.of(
                        "community.mail.sink", "smtp",
                        "community.mail.smtp.host", "  ")))
                .hasMessageContaining("community.mail.smtp.host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"smtp", "SMTP", "Smtp", "sMtP"})
    void sinkIsCaseInsensitive(String value) {
        try (ApplicationContext ctx =
                ApplicationContext.run(Map.of("community.mail.sink", value, "community.mail.smtp.host", "127.0.0.1"))) {
            assertThat(ctx.getBean(MailProperties.class).getSink()).isEqualTo(MailSink.SMTP);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"starttls", "STARTTLS", "StartTLS", "StartTls"})
    void tlsIsCaseInsensitive(String value) {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("community.mail.smtp.tls", value))) {
            assertThat(ctx.getBean(MailProperties.class).getSmtp().getTls()).isEqualTo(MailProperties.Tls.STARTTLS);
        }
    }

    @Test
    void bindsNestedSmtpSettingsAndHidesThePassword() {
        Map<String, Object> config = new HashMap<>();
        config.put("community.mail.sink", "smtp");
        config.put("community.mail.from", "club@example.org");
        config.put("community.mail.smtp.host", "mail.example.org");
        config.put("community.mail.smtp.port", "587");
        config.put("community.mail.smtp.username", "club");
        config.put("community.mail.smtp.password", "s3cr3t-pw");
        config.put("community.mail.smtp.tls", "starttls");
        config.put("community.mail.smtp.connect-timeout", "3s");
        config.put("community.mail.smtp.timeout", "7s");
        try (ApplicationContext ctx = ApplicationContext.run(config)) {
            MailProperties properties = ctx.getBean(MailProperties.class);
            MailProperties.Smtp smtp = properties.getSmtp();
            assertThat(properties.getFrom()).isEqualTo("club@example.org");
            assertThat(smtp.getHost()).isEqualTo("mail.example.org");
            assertThat(smtp.getPort()).isEqualTo(587);
            assertThat(smtp.getUsername()).isEqualTo("club");
            assertThat(smtp.getPassword()).isEqualTo("s3cr3t-pw");
            assertThat(smtp.getTls()).isEqualTo(MailProperties.Tls.STARTTLS);
            assertThat(smtp.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(smtp.getTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(properties.toString()).doesNotContain("s3cr3t-pw").contains("mail.example.org");
            assertThat(smtp.toString()).doesNotContain("s3cr3t-pw");
            assertThat(ctx.getBean(MailSender.class)).isInstanceOf(SmtpMailSender.class);
        }
    }

    @Test
    void invalidFromFailsWhenTheSenderIsBuilt() {
        assertThatThrownBy(() -> buildSender(Map.of(
                        "community.mail.sink", "smtp",
                        "community.mail.smtp.host", "127.0.0.1",
                        "community.mail.from", "not an address")))
                .hasMessageContaining("community.mail.from");
    }

    @Test
    void unknownSinkFailsNamingTheValue() {
        assertThatThrownBy(() -> buildSender(Map.of("community.mail.sink", "carrier-pigeon")))
                .hasStackTraceContaining("sink")
                .hasStackTraceContaining("carrier-pigeon");
    }

    /** The user context builds the sender at its start-up (see UserContextStartupTest there). */
    private static void buildSender(Map<String, Object> config) {
        try (ApplicationContext ctx = ApplicationContext.run(config)) {
            ctx.getBean(MailSender.class);
        }
    }

    private static ConfigurationException rootConfigurationException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException c) {
                return c;
            }
        }
        return null;
    }
}
