package io.community.web.ops;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthCheckType;
import io.micronaut.management.health.indicator.HealthResult;
import io.swagger.v3.oas.annotations.Hidden;
import org.reactivestreams.Publisher;

import java.util.Map;

/**
 * {@code /health/liveness} and {@code /health/readiness} on the API port too, when the operational
 * endpoints listen on a management port of their own ({@code endpoints.all.port}): load balancers
 * and orchestrators probe the port they route to, while metrics stay off it. The same indicators
 * as the management port's health endpoint, the status only (200 UP, 503 DOWN), never details.
 * Without a management port the health endpoint itself answers here and this controller is absent.
 */
@Controller("/health")
@Hidden
@Requires(property = "endpoints.all.port")
@Requires(beans = HealthEndpoint.class)
public class ApiPortHealthController {
    private final HealthEndpoint health;

    public ApiPortHealthController(HealthEndpoint health) {
        this.health = health;
    }

    @Get("/liveness")
    public Publisher<HttpResponse<Map<String, String>>> liveness() {
        return answer(HealthCheckType.LIVENESS);
    }

    @Get("/readiness")
    public Publisher<HttpResponse<Map<String, String>>> readiness() {
        return answer(HealthCheckType.READINESS);
    }

    private Publisher<HttpResponse<Map<String, String>>> answer(HealthCheckType type) {
        return Publishers.map(health.getHealth(null, type), ApiPortHealthController::response);
    }

    private static HttpResponse<Map<String, String>> response(HealthResult result) {
        boolean up = result.getStatus().getOperational().orElse(true) && !HealthStatus.DOWN.equals(result.getStatus());
        return HttpResponse.<Map<String, String>>status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("status", result.getStatus().getName()));
    }
}
