package io.community.cluster.user;

import io.community.common.mail.MailMessage;
import io.community.common.mail.MailSender;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps the mails instead of sending them, so a test reads the code as a person would read the mail. */
@Singleton
@Replaces(MailSender.class)
@Requires(property = "community.test.capture-mail", value = "true")
public class CapturedMail implements MailSender {
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private final Map<String, MailMessage> last = new ConcurrentHashMap<>();

    @Override
    public void send(MailMessage message) {
        last.put(message.to().toLowerCase(), message);
    }

    public String codeFor(String email) {
        MailMessage mail = last.get(email.toLowerCase());
        if (mail == null) {
            throw new AssertionError("no mail to " + email);
        }
        Matcher m = CODE.matcher(mail.text());
        if (!m.find()) {
            throw new AssertionError("no code in the mail to " + email);
        }
        return m.group(1);
    }
}
