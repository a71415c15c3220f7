package io.community.cluster.creation;

import io.community.cluster.service.testing.EndpointRules;
import org.junit.jupiter.api.Test;

/** Post, Comment, Like and Collect endpoints see the creation context only through its ports. */
class CreationArchitectureTest {

    @Test
    void theEndpointsAreThinAdapters() {
        EndpointRules.ENDPOINTS_SEE_ONLY_PORTS.check(EndpointRules.productionClasses("io.community.cluster.creation"));
    }
}
