package io.community.common.mail;

import io.micronaut.context.annotation.Factory;
import io.micronaut.core.convert.TypeConverter;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Case-insensitive binding of the mail enums. Micronaut's built-in enum conversion accepts
 * {@code smtp} and {@code SMTP} but not mixed case such as {@code StartTLS}, which is how people
 * actually write it in configuration.
 */
@Factory
class MailConverters {

    @Singleton
    TypeConverter<CharSequence, MailSink> mailSinkConverter() {
        return ignoringCase(MailSink.class);
    }

    @Singleton
    TypeConverter<CharSequence, MailProperties.Tls> tlsConverter() {
        return ignoringCase(MailProperties.Tls.class);
    }

    private static <E extends Enum<E>> TypeConverter<CharSequence, E> ignoringCase(Class<E> type) {
        return (value, targetType, context) -> {
            String text = value.toString().trim();
            if (text.isEmpty()) {
                return Optional.empty();
            }
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(text)) {
                    return Optional.of(constant);
                }
            }
            String allowed = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            context.reject(value, new IllegalArgumentException("'" + text + "' is not one of: " + allowed));
            return Optional.empty();
        };
    }
}
