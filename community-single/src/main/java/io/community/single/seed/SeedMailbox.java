package io.community.single.seed;

import io.community.common.mail.MailFactory;
import io.community.common.mail.MailMessage;
import io.community.common.mail.MailSender;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed command's mail sink: keeps the verification code of each mail so the seeder can
 * register through {@code UserUseCases} exactly as a user would (send code, read mail, register).
 * Exists only in the {@value SeedCommand#ENVIRONMENT} environment, which only the seed command
 * starts, so no served deployment ever has it.
 */
@Singleton
@Requires(env = SeedCommand.ENVIRONMENT)
@Replaces(value = MailSender.class, factory = MailFactory.class)
public class SeedMailbox implements MailSender {
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private final Map<String, String> codes = new ConcurrentHashMap<>();

    @Override
    public void send(MailMessage message) {
        Matcher m = CODE.matcher(message.text());
        if (m.find()) {
            codes.put(message.to(), m.group(1));
        }
    }

    /** The code last mailed to that address, taken out of the box. */
    public Optional<String> takeCode(String email) {
        return Optional.ofNullable(codes.remove(email));
    }
}
