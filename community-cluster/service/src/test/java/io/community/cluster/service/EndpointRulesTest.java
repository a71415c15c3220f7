package io.community.cluster.service;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.community.cluster.service.fixture.LeakyGrpcEndpoint;
import io.community.cluster.service.fixture.ThinGrpcEndpoint;
import io.community.cluster.service.testing.EndpointRules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule the three services check on their endpoints can pass and can fail. */
class EndpointRulesTest {

    @Test
    void aThinEndpointPasses() {
        EndpointRules.ENDPOINTS_SEE_ONLY_PORTS.check(new ClassFileImporter().importClasses(ThinGrpcEndpoint.class));
    }

    @Test
    void anEndpointReachingPastThePortsFails() {
        assertThatThrownBy(() -> EndpointRules.ENDPOINTS_SEE_ONLY_PORTS.check(
                        new ClassFileImporter().importClasses(LeakyGrpcEndpoint.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("KeyValueCache");
    }
}
