package io.community.common.mail;

/** Where outgoing mail goes ({@code community.mail.sink}). */
public enum MailSink {
    /** Written to the log only; for development, nothing is delivered. */
    LOG,
    /** Delivered to an SMTP server. */
    SMTP
}
