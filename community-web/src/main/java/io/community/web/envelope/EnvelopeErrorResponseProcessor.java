package io.community.web.envelope;

import io.community.common.error.ErrorReason;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Errors the framework raises before or around our code (unknown route, wrong method, malformed
 * JSON, wrong types, body too large, wrong content type, uncaught exceptions) get the same envelope.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class EnvelopeErrorResponseProcessor implements ErrorResponseProcessor<Envelope<Object>> {

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Envelope<Object>> processResponse(
            ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.status();
        ErrorReason reason = HttpErrors.reasonFor(status);
        String message;
        Object data = Map.of();
        if (status.getCode() >= 500) {
            // never echo exception text (SQL, stack details) to the client
            message = reason.defaultMessage();
        } else {
            // Input errors get their field and wording from io.community.web.json; what is left here
            // is the framework's own text, which quotes Java names, so only the status speaks.
            message = switch (status) {
                case NOT_FOUND -> "not found";
                case METHOD_NOT_ALLOWED -> "method not allowed";
                case REQUEST_ENTITY_TOO_LARGE -> "request body too large (limit 1 MiB)";
                case UNSUPPORTED_MEDIA_TYPE -> "unsupported content type; send application/json";
                default -> reason.defaultMessage();
            };
        }
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<Envelope<Object>>) response;
        }
        return ((MutableHttpResponse<Envelope<Object>>) response)
                .body(Envelope.error(reason, message, data))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
