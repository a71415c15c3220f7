package io.community.common.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development sink: mails are written to the log instead of being delivered, so flows such as
 * sign-up or password reset can be followed without a mail server.
 */
public class LogMailSender implements MailSender {
    private static final Logger LOG = LoggerFactory.getLogger(LogMailSender.class);

    private final String from;

    public LogMailSender(String from) {
        this.from = from;
        // the log then holds whole mails (reset links included) and nobody receives anything
        LOG.warn("community.mail.sink is 'log': mails are only written to the log, never delivered."
                + " Not for production; set community.mail.sink=smtp and community.mail.smtp.host.");
    }

    @Override
    public void send(MailMessage message) {
        LOG.info(
                "Mail (not delivered, log sink)\nFrom: {}\nTo: {}\nSubject: {}\n\n{}",
                from,
                message.to(),
                message.subject(),
                message.text());
    }
}
