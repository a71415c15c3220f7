package io.community.common.mail;

/** The outgoing-mail port. Implementations: the log sink (development) and SMTP. */
public interface MailSender {

    /** Sends or fails with an exception; a mail that was not sent is never reported as sent. */
    void send(MailMessage message);
}
