package io.community.common.mail;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;

/** Picks the {@link MailSender} implementation from {@code community.mail.sink}. */
@Factory
public class MailFactory {

    /**
     * Eager, so that a missing SMTP host or a bad address stops the process at start rather than
     * at the first sign-up mail.
     */
    @Context
    MailSender mailSender(MailProperties properties) {
        MailSink sink = properties.getSink() == null ? MailSink.LOG : properties.getSink();
        return switch (sink) {
            case LOG -> new LogMailSender(properties.getFrom());
            case SMTP -> new SmtpMailSender(properties);
        };
    }
}
