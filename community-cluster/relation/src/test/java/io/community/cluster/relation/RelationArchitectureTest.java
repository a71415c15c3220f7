package io.community.cluster.relation;

import io.community.cluster.service.testing.EndpointRules;
import io.community.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** RelationGrpcEndpoint sees the relation context only through its port. */
class RelationArchitectureTest {

    @Test
    void theEndpointIsAThinAdapter() {
        EndpointRules.ENDPOINTS_SEE_ONLY_PORTS.check(EndpointRules.productionClasses("io.community.cluster.relation"));
    }

    @Test
    void theProjectsConventionsHold() {
        // the endpoints, the service runtime and the relation context they adapt
        ArchitectureRules.checkAll(ArchitectureRules.productionClasses());
    }
}
