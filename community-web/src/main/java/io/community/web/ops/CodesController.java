package io.community.web.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.community.common.error.ErrorReason;
import io.community.web.envelope.Envelope;
import io.community.web.envelope.HttpErrors;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;

/** The one table of error codes, served by both deployments from the same enum. */
@Controller("/codes")
@Tag(name = "operations")
public class CodesController {

    @Schema(name = "CodeInfo")
    @Serdeable
    public record CodeView(int code, String reason, String category, int httpStatus, String message) {}

    @Schema(name = "CodesData")
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CodesView(List<CodeView> codes) {}

    @Get
    @Operation(operationId = "listErrorCodes", summary = "Every error code with its HTTP status")
    public Envelope<CodesView> codes() {
        return Envelope.ok(new CodesView(Arrays.stream(ErrorReason.values())
                .map(r -> new CodeView(
                        r.code(),
                        r.name(),
                        r.category().name(),
                        r == ErrorReason.METHOD_NOT_ALLOWED
                                ? 405
                                : HttpErrors.status(r.category()).getCode(),
                        r.defaultMessage()))
                .toList()));
    }
}
