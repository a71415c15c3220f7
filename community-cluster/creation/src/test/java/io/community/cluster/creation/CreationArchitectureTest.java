package io.community.cluster.creation;

import io.community.cluster.service.testing.EndpointRules;
import io.community.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** Post, Comment, Like and Collect endpoints see the creation context only through its ports. */
class CreationArchitectureTest {

    @Test
    void theEndpointsAreThinAdapters() {
        EndpointRules.ENDPOINTS_SEE_ONLY_PORTS.check(EndpointRules.productionClasses("io.community.cluster.creation"));
    }

    @Test
    void theProjectsConventionsHold() {
        // the endpoints, the service runtime and the creation context they adapt
        ArchitectureRules.checkAll(ArchitectureRules.productionClasses());
    }
}
