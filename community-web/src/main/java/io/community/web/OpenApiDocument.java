package io.community.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The OpenAPI document's header. Lives in community-web, so the monolith and the gateway
 * publish the same document for the same controllers.
 */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "community",
                        version = "1.0",
                        description =
                                "Community REST API: users, follows, posts, comments, likes, collects and a following feed. "
                                        + "Every response is {code, msg, data}; see GET /codes for the error codes. Each operation lists the "
                                        + "error statuses it answers with (schema ErrorEnvelope); beyond those, any request can meet the "
                                        + "transport's own answers in the same envelope: 413 (body too large) and 415 (a body without "
                                        + "Content-Type: application/json), both 10001, and 404 (10004) / 405 (10012) for an unknown route "
                                        + "or method. Bodies are strict JSON: one value, each field of its declared JSON type."))
@SecurityScheme(name = "bearerAuth", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class OpenApiDocument {
    private OpenApiDocument() {}
}
