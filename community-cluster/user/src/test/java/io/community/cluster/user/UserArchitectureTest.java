package io.community.cluster.user;

import io.community.cluster.service.testing.EndpointRules;
import io.community.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** UserGrpcEndpoint sees the user context only through its port. */
class UserArchitectureTest {

    @Test
    void theEndpointIsAThinAdapter() {
        EndpointRules.ENDPOINTS_SEE_ONLY_PORTS.check(EndpointRules.productionClasses("io.community.cluster.user"));
    }

    @Test
    void theProjectsConventionsHold() {
        // the endpoints, the service runtime and the user context they adapt
        ArchitectureRules.checkAll(ArchitectureRules.productionClasses());
    }
}
