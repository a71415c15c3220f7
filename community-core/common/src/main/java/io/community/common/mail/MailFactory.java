package io.community.common.mail;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Picks the {@link MailSender} implementation from {@code community.mail.sink}. */
@Factory
public class MailFactory {

    /**
     * Built where something sends mail, and only there: the user context builds it at start-up
     * ({@code UserService} is eager), so a missing SMTP host or a bad address stops that process at
     * once rather than at the first sign-up mail, while the gateway and the other services, which
     * never send mail, neither build it nor need its settings.
     */
    @Singleton
    MailSender mailSender(MailProperties properties) {
        MailSink sink = properties.getSink() == null ? MailSink.LOG : properties.getSink();
        return switch (sink) {
            case LOG -> new LogMailSender(properties.getFrom());
            case SMTP -> new SmtpMailSender(properties);
        };
    }
}
