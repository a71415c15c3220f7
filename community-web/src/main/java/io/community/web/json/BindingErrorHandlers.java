package io.community.web.json;

import io.community.common.error.DomainException;
import io.community.web.envelope.Envelope;
import io.community.web.envelope.HttpErrors;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedArgumentHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedRouteHandler;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;

/**
 * Path, query and body arguments Micronaut could not bind, as 400s in the words of
 * {@link InputMessages}. Micronaut's own handlers quote the Java parameter and exception text
 * ({@code Failed to convert argument [id] ... For input string}, {@code Required Body [request]}).
 */
public final class BindingErrorHandlers {
    private BindingErrorHandlers() {}

    /** The name a client used: the path or query name, or "body" for the body as a whole. */
    static String field(Argument<?> argument) {
        if (argument.getAnnotationMetadata().hasAnnotation(Body.class)) {
            return InputMessages.BODY;
        }
        return argument.getAnnotationMetadata()
                .stringValue(PathVariable.class)
                .or(() -> argument.getAnnotationMetadata().stringValue(QueryValue.class))
                .filter(name -> !name.isEmpty())
                .orElse(argument.getName());
    }

    static HttpResponse<Envelope<Object>> missing(Argument<?> argument) {
        String field = field(argument);
        return HttpErrors.response(DomainException.invalidField(
                field, field.equals(InputMessages.BODY) ? InputMessages.BODY_REQUIRED : InputMessages.REQUIRED));
    }

    /** A value that does not convert: {@code GET /api/v1/user/abc} is {@code id: must be an integer}. */
    @Produces
    @Singleton
    @Replaces(ConversionErrorHandler.class)
    public static class Conversion
            implements ExceptionHandler<ConversionErrorException, HttpResponse<Envelope<Object>>> {
        @Override
        public HttpResponse<Envelope<Object>> handle(HttpRequest request, ConversionErrorException exception) {
            Argument<?> argument = exception.getArgument();
            String field = field(argument);
            String expected = field.equals(InputMessages.BODY)
                    ? InputMessages.OBJECT
                    : InputMessages.expected(argument.getType());
            return HttpErrors.response(DomainException.invalidField(field, expected));
        }
    }

    /** A required path, query or body argument that is absent. */
    @Produces
    @Singleton
    @Replaces(UnsatisfiedRouteHandler.class)
    public static class UnsatisfiedRoute
            implements ExceptionHandler<UnsatisfiedRouteException, HttpResponse<Envelope<Object>>> {
        @Override
        public HttpResponse<Envelope<Object>> handle(HttpRequest request, UnsatisfiedRouteException exception) {
            return missing(exception.getArgument());
        }
    }

    /** The same, as raised by argument binders outside routing. */
    @Produces
    @Singleton
    @Replaces(UnsatisfiedArgumentHandler.class)
    public static class UnsatisfiedArgument
            implements ExceptionHandler<UnsatisfiedArgumentException, HttpResponse<Envelope<Object>>> {
        @Override
        public HttpResponse<Envelope<Object>> handle(HttpRequest request, UnsatisfiedArgumentException exception) {
            return missing(exception.getArgument());
        }
    }
}
