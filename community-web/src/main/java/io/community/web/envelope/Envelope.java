package io.community.web.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.community.common.error.ErrorReason;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/** The envelope of every response, success or error: {@code {code, msg, data}}; data is never null. */
// ALWAYS: serde drops empty values by default, but the contract says data is {} and lists are [].
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(
        description = "Envelope of every response; code 0, msg \"ok\" and the payload in data ({} when there is "
                + "nothing to return) on success")
public record Envelope<T>(
        @Schema(description = "0 on success, else the error code (see GET /codes)")
        int code,

        @Schema(description = "\"ok\" or a human-readable error message")
        String msg,
        // no @Schema here: on a property it would replace the payload type's own schema name
        T data) {

    public static <T> Envelope<T> ok(T data) {
        return new Envelope<>(0, "ok", data);
    }

    public static Envelope<Map<String, Object>> ok() {
        return new Envelope<>(0, "ok", Map.of());
    }

    public static Envelope<Object> error(ErrorReason reason, String message, Object data) {
        return new Envelope<>(reason.code(), message, data == null ? Map.of() : data);
    }
}
