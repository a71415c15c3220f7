package io.community.cluster.relation;

import io.community.cluster.service.testing.EndpointRules;
import org.junit.jupiter.api.Test;

/** RelationGrpcEndpoint sees the relation context only through its port. */
class RelationArchitectureTest {

    @Test
    void theEndpointIsAThinAdapter() {
        EndpointRules.ENDPOINTS_SEE_ONLY_PORTS.check(EndpointRules.productionClasses("io.community.cluster.relation"));
    }
}
