package io.community.common.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real in-process SMTP server (GreenMail) on a port the OS picks. */
class SmtpMailSenderTest {
    private static final String HOST = "127.0.0.1";
    private static final String FROM = "club@community.local";
    // a 4-byte code point (U+1F389) catches anything that handles UTF-16 surrogates or bytes wrongly
    private static final String SUBJECT = "Willkommen, Jörg – 🎉";
    // Mail lines end in CRLF on the wire (a bare LF arrives as CRLF), and GreenMail keeps no line
    // break after the last line, so the body uses CRLF and ends without one to compare exactly.
    private static final String BODY = "Hallo Jörg,\r\n\r\ndein Konto ist bereit. Grüße, ÄÖÜ ß € 😀 𝄞";

    private GreenMail greenMail;

    @AfterEach
    void stopServer() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @Test
    void deliversPlainSmtpWithoutAuthentication() throws Exception {
        int port = start(ServerSetup.PROTOCOL_SMTP, GreenMailConfiguration.aConfig());
        SmtpMailSender sender = new SmtpMailSender(properties(port, null, null));

        sender.send(new MailMessage("anna@example.org", SUBJECT, BODY));

        MimeMessage received = singleReceived();
        assertThat(received.getRecipients(Message.RecipientType.TO))
                .containsExactly(new InternetAddress("anna@example.org"));
        assertThat(received.getFrom()).containsExactly(new InternetAddress(FROM));
        assertThat(received.getSubject()).isEqualTo(SUBJECT);
        assertThat(received.getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(received.getContent()).isEqualTo(BODY);
    }

    @Test
    void authenticatesWithTheRightCredentials() throws Exception {
        int port = start(
                ServerSetup.PROTOCOL_SMTP,
                GreenMailConfiguration.aConfig().withUser("mailer@community.local", "mailer", "right-pw"));
        SmtpMailSender sender = new SmtpMailSender(properties(port, "mailer", "right-pw"));

        sender.send(new MailMessage("anna@example.org", SUBJECT, BODY));

        assertThat(singleReceived().getContent()).isEqualTo(BODY);
    }

    @Test
    void wrongCredentialsFailWithoutLeakingThePassword() {
        int port = start(
                ServerSetup.PROTOCOL_SMTP,
                GreenMailConfiguration.aConfig().withUser("mailer@community.local", "mailer", "right-pw"));
        SmtpMailSender sender = new SmtpMailSender(properties(port, "mailer", "wrong-pw-4711"));

        assertThatThrownBy(() -> sender.send(new MailMessage("anna@example.org", SUBJECT, BODY)))
                .isInstanceOf(MailDeliveryException.class)
                .hasCauseInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining(HOST + ":" + port)
                .hasMessageNotContaining("wrong-pw-4711")
                .hasMessageNotContaining("dein Konto");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void deadPortFailsQuicklyWithoutLeakingThePassword() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            port = probe.getLocalPort();
        }
        MailProperties properties = properties(port, "mailer", "dead-port-secret");
        properties.getSmtp().setConnectTimeout(Duration.ofMillis(500));
        properties.getSmtp().setTimeout(Duration.ofMillis(500));
        SmtpMailSender sender = new SmtpMailSender(properties);

        long started = System.nanoTime();
        assertThatThrownBy(() -> sender.send(new MailMessage("anna@example.org", SUBJECT, BODY)))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining(HOST + ":" + port)
                .hasMessageNotContaining("dead-port-secret")
                .hasMessageNotContaining("dein Konto");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void silentServerRunsIntoTheReadTimeout() throws Exception {
        // the kernel completes the TCP handshake from the backlog; nobody ever sends the greeting
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getByName(HOST))) {
            MailProperties properties = properties(silent.getLocalPort(), null, null);
            properties.getSmtp().setTimeout(Duration.ofMillis(300));
            SmtpMailSender sender = new SmtpMailSender(properties);

            long started = System.nanoTime();
            assertThatThrownBy(() -> sender.send(new MailMessage("anna@example.org", SUBJECT, BODY)))
                    .isInstanceOf(MailDeliveryException.class)
                    .hasMessageContaining(HOST + ":" + silent.getLocalPort());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void startTlsIsRequiredNotOptional() {
        // GreenMail's SMTP does not offer STARTTLS; sending in clear text instead would be the bug
        int port = start(ServerSetup.PROTOCOL_SMTP, GreenMailConfiguration.aConfig());
        MailProperties properties = properties(port, null, null);
        properties.getSmtp().setTls(MailProperties.Tls.STARTTLS);
        SmtpMailSender sender = new SmtpMailSender(properties);

        assertThatThrownBy(() -> sender.send(new MailMessage("anna@example.org", SUBJECT, BODY)))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("STARTTLS");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void smtpsRejectsAnUntrustedCertificate() {
        int port = start(ServerSetup.PROTOCOL_SMTPS, GreenMailConfiguration.aConfig());
        MailProperties properties = properties(port, null, null);
        properties.getSmtp().setTls(MailProperties.Tls.SSL);
        SmtpMailSender sender = new SmtpMailSender(properties);

        assertThatThrownBy(() -> sender.send(new MailMessage("anna@example.org", SUBJECT, BODY)))
                .isInstanceOf(MailDeliveryException.class);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void deliversOverSmtpsWhenTheCertificateIsTrusted() throws Exception {
        int port = start(ServerSetup.PROTOCOL_SMTPS, GreenMailConfiguration.aConfig());
        MailProperties properties = properties(port, null, null);
        properties.getSmtp().setTls(MailProperties.Tls.SSL);
        // GreenMail's certificate is self-signed and not issued for 127.0.0.1
        SmtpMailSender sender = new SmtpMailSender(
                properties, Map.of("mail.smtp.ssl.trust", HOST, "mail.smtp.ssl.checkserveridentity", "false"));

        sender.send(new MailMessage("anna@example.org", SUBJECT, BODY));

        assertThat(singleReceived().getContent()).isEqualTo(BODY);
    }

    @Test
    void mapsSettingsToTheSession() {
        MailProperties properties = properties(2525, "mailer", "pw");
        properties.getSmtp().setConnectTimeout(Duration.ofSeconds(3));
        properties.getSmtp().setTimeout(Duration.ofSeconds(7));
        properties.getSmtp().setTls(MailProperties.Tls.STARTTLS);

        Properties session = new SmtpMailSender(properties).session().getProperties();

        assertThat(session.getProperty("mail.smtp.host")).isEqualTo(HOST);
        assertThat(session.getProperty("mail.smtp.port")).isEqualTo("2525");
        assertThat(session.getProperty("mail.smtp.auth")).isEqualTo("true");
        assertThat(session.getProperty("mail.smtp.connectiontimeout")).isEqualTo("3000");
        assertThat(session.getProperty("mail.smtp.timeout")).isEqualTo("7000");
        assertThat(session.getProperty("mail.smtp.writetimeout")).isEqualTo("7000");
        assertThat(session.getProperty("mail.smtp.starttls.enable")).isEqualTo("true");
        assertThat(session.getProperty("mail.smtp.starttls.required")).isEqualTo("true");
        assertThat(session.getProperty("mail.smtp.ssl.enable")).isNull();
        assertThat(session.values()).doesNotContain("pw");

        properties.getSmtp().setTls(MailProperties.Tls.SSL);
        Properties ssl = new SmtpMailSender(properties).session().getProperties();
        assertThat(ssl.getProperty("mail.smtp.ssl.enable")).isEqualTo("true");
        assertThat(ssl.getProperty("mail.smtp.starttls.enable")).isNull();
    }

    @Test
    void lineBreaksInTheSubjectCannotAddHeaders() throws Exception {
        // subjects may carry user input (a display name); a CRLF must not start a new header
        int port = start(ServerSetup.PROTOCOL_SMTP, GreenMailConfiguration.aConfig());
        SmtpMailSender sender = new SmtpMailSender(properties(port, null, null));

        sender.send(new MailMessage("anna@example.org", "Hi\r\nBcc: eve@example.org\r\nX-Injected: 1", BODY));

        MimeMessage received = singleReceived();
        assertThat(received.getAllRecipients()).containsExactly(new InternetAddress("anna@example.org"));
        assertThat(received.getHeader("X-Injected")).isNull();
    }

    @Test
    void invalidRecipientIsADeliveryFailure() {
        int port = start(ServerSetup.PROTOCOL_SMTP, GreenMailConfiguration.aConfig());
        SmtpMailSender sender = new SmtpMailSender(properties(port, null, null));

        assertThatThrownBy(() -> sender.send(new MailMessage("not an address", SUBJECT, BODY)))
                .isInstanceOf(MailDeliveryException.class);
    }

    private int start(String protocol, GreenMailConfiguration configuration) {
        ServerSetup setup = new ServerSetup(0, HOST, protocol).dynamicPort();
        // GreenMail's default 2 s to start is too short for SMTPS's key setup on a loaded CI machine
        setup.setServerStartupTimeout(15_000);
        greenMail = new GreenMail(setup).withConfiguration(configuration);
        greenMail.start();
        return ServerSetup.PROTOCOL_SMTPS.equals(protocol)
                ? greenMail.getSmtps().getPort()
                : greenMail.getSmtp().getPort();
    }

    private MimeMessage singleReceived() {
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).as("mail received").isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    private static MailProperties properties(int port, String username, String password) {
        MailProperties properties = new MailProperties();
        properties.setSink(MailSink.SMTP);
        properties.setFrom(FROM);
        properties.getSmtp().setHost(HOST);
        properties.getSmtp().setPort(port);
        properties.getSmtp().setUsername(username);
        properties.getSmtp().setPassword(password);
        return properties;
    }
}
