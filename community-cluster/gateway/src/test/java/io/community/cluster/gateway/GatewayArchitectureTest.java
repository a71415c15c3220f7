package io.community.cluster.gateway;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.community.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway only translates: no context's implementation is even on its classpath, and the
 * generated proto classes are touched by the *GrpcClient adapters alone.
 */
class GatewayArchitectureTest {

    @Test
    void noContextImplementationIsOnTheClasspath() {
        // scans every jar and directory of the (test) classpath for these packages
        JavaClasses contexts = new ClassFileImporter()
                .importPackages("io.community.user", "io.community.relation", "io.community.creation");

        assertThat(contexts.stream().map(JavaClass::getName))
                .as("the *-api modules are here")
                .contains(
                        "io.community.user.api.UserUseCases",
                        "io.community.relation.api.RelationUseCases",
                        "io.community.creation.api.PostUseCases")
                .as("and nothing else of the contexts")
                .allMatch(name -> name.matches("io\\.community\\.(user|relation|creation)\\.api\\..*"));
        for (String context : new String[] {"user", "relation", "creation"}) {
            assertThat(getClass().getClassLoader().getResource("db/" + context))
                    .as("no migrations of " + context)
                    .isNull();
        }
    }

    @Test
    void theProjectsConventionsHold() {
        // the gateway, the shared web adapter, the cluster plumbing and the ports it implements
        ArchitectureRules.checkAll(ArchitectureRules.productionClasses());
    }

    @Test
    void onlyTheClientsTouchGeneratedProtoClasses() {
        JavaClasses gateway = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.community.cluster.gateway", "io.community.web");
        assertThat(gateway.stream().map(JavaClass::getSimpleName)).contains("PostGrpcClient", "GatewayFactory");

        // the wiring may name the services' descriptors too: it derives the read-retry policy from them;
        // a client interceptor sits on the transport too (the session cache watches the user service's
        // logout, password change and delete calls go by)
        noClasses()
                .that()
                .resideInAnyPackage("io.community.cluster.gateway..", "io.community.web..")
                .and()
                .haveSimpleNameNotEndingWith("GrpcClient")
                .and()
                .haveNameNotMatching(".*ClientInterceptor(\\$.*)?")
                .and()
                .doNotHaveSimpleName("GatewayFactory")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.community.proto.v1..")
                .check(gateway);
        // the HTTP adapter is shared with the monolith: no gRPC in it at all
        noClasses()
                .that()
                .resideInAnyPackage("io.community.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.grpc..", "io.community.proto..", "io.community.cluster..")
                .check(gateway);
    }
}
