package io.community.conformance;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Health (both ports), metrics (management port only), the code table and the API documentation. */
class OperationsEndpointIT extends ConformanceTest {

    @Test
    void healthEndpointsAnswer() {
        Api.Answer live = api.get("/health/liveness", null);
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).containsEntry("status", "UP");
        Api.Answer ready = api.get("/health/readiness", null);
        assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
        assertThat(ready.body()).containsEntry("status", "UP");
    }

    @Test
    void metricsAreInPrometheusFormatOnTheManagementPortOnly() {
        newUser("metrics");
        Api management = new Api(deployment.entry().managementUri(), json);
        Api.Answer metrics = management.get("/metrics", null);
        assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
        assertThat(metrics.raw())
                .contains("# TYPE")
                .contains("http_server_requests_seconds_count")
                .contains("jvm_memory_used_bytes");
        // the management port answers health too, but not the API
        assertThat(management.get("/health/readiness", null).status()).isEqualTo(200);
        assertThat(management.get("/codes", null).status()).isEqualTo(404);

        Api.Answer onApiPort = api.get("/metrics", null);
        assertThat(onApiPort.status()).as(onApiPort.toString()).isEqualTo(404);
        assertThat(onApiPort.raw()).doesNotContain("# TYPE");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCodeTableListsEveryCodeWithItsStatus() {
        Api.Answer codes = api.get("/codes", null);
        assertOk(codes);
        List<Map<String, Object>> rows =
                (List<Map<String, Object>>) codes.data().get("codes");
        assertThat(rows)
                .extracting(r -> ((Number) r.get("code")).intValue())
                .contains(
                        10001, 10002, 10003, 10004, 10005, 10007, 10008, 10010, 10013, 20101, 20210, 20411, 20412,
                        20413, 20506, 20610, 20611, 20612, 20615);
        assertThat(rows)
                .filteredOn(r -> r.get("code").equals(20611))
                .singleElement()
                .satisfies(r -> assertThat(r.get("httpStatus")).isEqualTo(401));
        assertThat(rows)
                .filteredOn(r -> r.get("code").equals(20101))
                .singleElement()
                .satisfies(r -> assertThat(r.get("httpStatus")).isEqualTo(403));
    }

    @Test
    void swaggerUiIsServedOfflineAndListsAllBusinessEndpoints() {
        Api.Answer page = api.get("/apis/swagger/index.html", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw())
                .contains("swagger-ui")
                .contains("/swagger/community-1.0.yml")
                .doesNotContain("https://unpkg.com")
                .doesNotContain("cdn.jsdelivr");
        assertThat(api.get("/swagger-ui/res/swagger-ui-bundle.js", null).status())
                .isEqualTo(200);
        Api.Answer spec = api.get("/swagger/community-1.0.yml", null);
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.raw())
                .contains(
                        "/api/v1/auth/email:",
                        "/api/v1/auth/register:",
                        "/api/v1/auth/login:",
                        "/api/v1/auth/logout:",
                        "/api/v1/user/{id}:",
                        "/api/v1/user/list:",
                        "/api/v1/user/password/{id}:",
                        "bearerAuth");
        assertThat(businessOperations(spec.raw()))
                .as("operations under /api/v1")
                .isEqualTo(42);
    }

    /** Counts the operations of the /api/v1 paths in the generated YAML document. */
    private static int businessOperations(String yaml) {
        int count = 0;
        boolean inBusinessPath = false;
        for (String line : yaml.split("\n")) {
            if (line.matches("^  /\\S*:\\s*$")) {
                inBusinessPath = line.trim().startsWith("/api/v1/");
            } else if (inBusinessPath && line.matches("^    (get|post|put|delete|patch):\\s*$")) {
                count++;
            }
        }
        return count;
    }
}
