package io.community.web.envelope;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The shape of every error answer, for the OpenAPI document only: what {@link HttpErrors} writes as an
 * {@code Envelope}. The operations list their error statuses with this schema, so a generated client
 * can read {@code code} and {@code data.errors} of a failure.
 */
@Schema(
        name = "ErrorEnvelope",
        description = "An error answer: the reason's code, a message and data ({} or the " + "field errors of a 10001)")
public record ErrorEnvelope(
        @Schema(description = "the error code; GET /codes lists every code with its status", example = "10001")
        int code,

        @Schema(description = "a human-readable message", example = "invalid parameters")
        String msg,

        ErrorData data) {

    @Schema(name = "ErrorData", description = "{} unless the request was invalid")
    public record ErrorData(
            @Nullable @Schema(description = "only for 10001: every rejected field, by its JSON name")
            List<FieldErrorView> errors) {}

    @Schema(name = "FieldError")
    public record FieldErrorView(
            @Schema(description = "the field's JSON path", example = "email")
            String field,

            @Schema(description = "what it must be", example = "must be a well-formed email address")
            String message) {}
}
