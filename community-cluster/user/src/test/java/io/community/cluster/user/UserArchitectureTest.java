package io.community.cluster.user;

import io.community.cluster.service.testing.EndpointRules;
import org.junit.jupiter.api.Test;

/** UserGrpcEndpoint sees the user context only through its port. */
class UserArchitectureTest {

    @Test
    void theEndpointIsAThinAdapter() {
        EndpointRules.ENDPOINTS_SEE_ONLY_PORTS.check(EndpointRules.productionClasses("io.community.cluster.user"));
    }
}
