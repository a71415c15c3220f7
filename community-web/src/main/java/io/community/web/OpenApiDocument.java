package io.community.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The OpenAPI document's header. Lives in community-web, so the monolith and the gateway
 * publish the same document for the same controllers.
 */
@OpenAPIDefinition(info = @Info(title = "community", version = "1.0",
        description = "Community REST API: users, follows, posts, comments, likes, collects and a following feed. "
                + "Every response is {code, msg, data}; see GET /codes for the error codes."))
@SecurityScheme(name = "bearerAuth", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class OpenApiDocument {
    private OpenApiDocument() {
    }
}
