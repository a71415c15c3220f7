package io.community.web.json;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.MutableConversionService;
import io.micronaut.core.convert.TypeConverterRegistrar;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Path and query integers in ASCII digits only: Java's {@code Long.parseLong}, which Micronaut's
 * converters use, also reads other scripts' digits ({@code /user/１２} would be user 12). A value
 * that is not converted is answered {@code id: must be an integer} by {@link BindingErrorHandlers}.
 */
@Singleton
public final class AsciiIntegers implements TypeConverterRegistrar {

    @Override
    public void register(MutableConversionService conversionService) {
        conversionService.addConverter(CharSequence.class, Long.class, AsciiIntegers::toLong);
        conversionService.addConverter(String.class, Long.class, AsciiIntegers::toLong);
        conversionService.addConverter(CharSequence.class, Integer.class, AsciiIntegers::toInt);
        conversionService.addConverter(String.class, Integer.class, AsciiIntegers::toInt);
    }

    private static Optional<Long> toLong(CharSequence value, Class<Long> type, ConversionContext context) {
        return parse(value, context).map(Long::valueOf);
    }

    private static Optional<Integer> toInt(CharSequence value, Class<Integer> type, ConversionContext context) {
        return parse(value, context).flatMap(s -> {
            try {
                return Optional.of(Integer.valueOf(s));
            } catch (NumberFormatException e) {
                context.reject(value, e);
                return Optional.empty();
            }
        });
    }

    private static Optional<String> parse(CharSequence value, ConversionContext context) {
        String s = value.toString();
        boolean ascii = !s.isEmpty();
        for (int i = 0; i < s.length() && ascii; i++) {
            char c = s.charAt(i);
            ascii = c >= '0' && c <= '9' || i == 0 && s.length() > 1 && (c == '-' || c == '+');
        }
        if (!ascii || s.length() > 20) {
            context.reject(value, new NumberFormatException("not an integer in ASCII digits"));
            return Optional.empty();
        }
        try {
            Long.parseLong(s);
            return Optional.of(s);
        } catch (NumberFormatException e) {
            context.reject(value, e);
            return Optional.empty();
        }
    }
}
