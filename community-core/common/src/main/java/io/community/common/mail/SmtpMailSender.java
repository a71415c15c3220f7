package io.community.common.mail;

import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Delivers mail to an SMTP server with Jakarta Mail (Angus). Each {@link #send} opens its own
 * connection: mail volume is low and a pooled connection would need keep-alive handling.
 */
public class SmtpMailSender implements MailSender {
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final InternetAddress from;
    private final Session session;

    /** @throws ConfigurationException if the settings cannot work, so a bad setup stops the start */
    public SmtpMailSender(MailProperties properties) {
        this(properties, Map.of());
    }

    /** {@code sessionOverrides} exist for tests that must trust a self-signed test certificate. */
    SmtpMailSender(MailProperties properties, Map<String, String> sessionOverrides) {
        MailProperties.Smtp smtp = properties.getSmtp();
        if (smtp.getHost() == null || smtp.getHost().isBlank()) {
            throw new ConfigurationException("community.mail.smtp.host (COMMUNITY_MAIL_SMTP_HOST) is not set,"
                    + " but community.mail.sink is smtp. Set the SMTP server's host name or use the log sink.");
        }
        if (smtp.getPort() < 1 || smtp.getPort() > 65535) {
            throw new ConfigurationException("community.mail.smtp.port is " + smtp.getPort() + "; expected 1-65535.");
        }
        this.host = smtp.getHost().trim();
        this.port = smtp.getPort();
        boolean auth = smtp.getUsername() != null && !smtp.getUsername().isBlank();
        if (auth && smtp.getPassword() == null) {
            throw new ConfigurationException("community.mail.smtp.username is set but community.mail.smtp.password"
                    + " (COMMUNITY_MAIL_SMTP_PASSWORD) is not.");
        }
        this.username = auth ? smtp.getUsername() : null;
        this.password = auth ? smtp.getPassword() : null;
        this.from = fromAddress(properties.getFrom());

        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", "smtp");
        props.setProperty("mail.smtp.host", host);
        props.setProperty("mail.smtp.port", Integer.toString(port));
        props.setProperty("mail.smtp.connectiontimeout", millis("connect-timeout", smtp.getConnectTimeout()));
        // without a read/write timeout a stalled server blocks the calling request thread forever
        props.setProperty("mail.smtp.timeout", millis("timeout", smtp.getTimeout()));
        props.setProperty("mail.smtp.writetimeout", millis("timeout", smtp.getTimeout()));
        props.setProperty("mail.smtp.auth", Boolean.toString(auth));
        MailProperties.Tls tls = smtp.getTls() == null ? MailProperties.Tls.NONE : smtp.getTls();
        switch (tls) {
            case NONE -> {}
            case STARTTLS -> {
                props.setProperty("mail.smtp.starttls.enable", "true");
                // otherwise a server (or a man in the middle) that drops STARTTLS gets credentials in clear text
                props.setProperty("mail.smtp.starttls.required", "true");
                props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case SSL -> {
                props.setProperty("mail.smtp.ssl.enable", "true");
                props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        props.putAll(sessionOverrides);
        // one session per sender, never Session.getDefaultInstance: that one is JVM-wide and keeps
        // whatever properties the first caller passed
        this.session = Session.getInstance(props);
    }

    @Override
    public void send(MailMessage message) {
        Objects.requireNonNull(message, "message");
        try {
            MimeMessage mime = new MimeMessage(session);
            mime.setFrom(from);
            mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to(), true));
            mime.setSubject(message.subject(), UTF_8);
            mime.setText(message.text(), UTF_8);
            mime.setSentDate(new Date());
            if (username != null) {
                Transport.send(mime, username, password);
            } else {
                Transport.send(mime);
            }
        } catch (MessagingException e) {
            throw new MailDeliveryException(
                    "Mail delivery via SMTP " + host + ":" + port + " failed: " + describe(e), e);
        }
    }

    /** The session, so tests can check how the settings were mapped. */
    Session session() {
        return session;
    }

    private String describe(MessagingException e) {
        String detail = e.getClass().getSimpleName();
        if (e.getMessage() != null) {
            // Jakarta Mail does not put credentials in messages, but server replies are echoed verbatim
            String text = e.getMessage().strip();
            if (password != null && !password.isEmpty()) {
                text = text.replace(password, "***");
            }
            detail += ": " + text;
        }
        return detail;
    }

    private static InternetAddress fromAddress(String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("community.mail.from is not set.");
        }
        try {
            return new InternetAddress(value, true);
        } catch (AddressException e) {
            throw new ConfigurationException("community.mail.from is not a valid mail address: " + value);
        }
    }

    private static String millis(String property, Duration value) {
        // Jakarta Mail reads 0 as "wait forever", which is exactly what a timeout is meant to prevent
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigurationException("community.mail.smtp." + property + " must be positive, is " + value);
        }
        return Long.toString(Math.min(value.toMillis(), Integer.MAX_VALUE));
    }
}
