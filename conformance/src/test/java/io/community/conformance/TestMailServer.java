package io.community.conformance;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real SMTP server in this JVM (GreenMail) that the deployment under test (the monolith, or the user service) mails its codes to. */
final class TestMailServer {
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static GreenMail server;

    private TestMailServer() {}

    static synchronized GreenMail get() {
        if (server == null) {
            // a fixed port only for deployments started outside this JVM (see Deployment.running)
            int port = Integer.getInteger("conformance.smtp.port", 0);
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
        return server;
    }

    static int port() {
        return get().getSmtp().getPort();
    }

    /** The code in the newest mail to that address, as a person would read it. */
    static String lastCodeFor(String email) {
        MimeMessage[] received = get().getReceivedMessages();
        MimeMessage last = Arrays.stream(received)
                .filter(m -> recipient(m).equalsIgnoreCase(email))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no mail to " + email));
        Matcher m = CODE.matcher(GreenMailUtil.getBody(last));
        if (!m.find()) {
            throw new AssertionError("no code in the mail to " + email);
        }
        return m.group(1);
    }

    static long mailsTo(String email) {
        return Arrays.stream(get().getReceivedMessages())
                .filter(m -> recipient(m).equalsIgnoreCase(email))
                .count();
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
