package io.community.single;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The dependency rules of ARCHITECTURE.md, checked on the compiled classes of every module. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureTest {
    private static final String[] TRANSPORTS = {"io.micronaut.http..", "io.grpc..", "com.google.protobuf..",
            "io.community.web..", "io.community.cluster..", "io.community.proto.."};
    private JavaClasses classes;

    @BeforeAll
    void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.community");
    }

    @Test
    void theCoreImportsNoTransport() {
        noClasses().that().resideInAnyPackage("io.community.common..", "io.community.user..",
                        "io.community.relation..", "io.community.creation..")
                .should().dependOnClassesThat().resideInAnyPackage(TRANSPORTS)
                .check(classes);
    }

    @Test
    void aContextDoesNotImportAnotherContext() {
        noClasses().that().resideInAnyPackage("io.community.user..")
                .should().dependOnClassesThat().resideInAnyPackage("io.community.relation..", "io.community.creation..")
                .check(classes);
        noClasses().that().resideInAnyPackage("io.community.relation..")
                .should().dependOnClassesThat().resideInAnyPackage("io.community.user..", "io.community.creation..")
                .allowEmptyShould(true).check(classes);
        noClasses().that().resideInAnyPackage("io.community.creation..")
                .should().dependOnClassesThat().resideInAnyPackage("io.community.user..", "io.community.relation..")
                .allowEmptyShould(true).check(classes);
        noClasses().that().resideInAnyPackage("io.community.common..")
                .should().dependOnClassesThat().resideInAnyPackage("io.community.user..", "io.community.relation..",
                        "io.community.creation..")
                .check(classes);
    }

    @Test
    void theWebAdapterSeesOnlyPortsAndRecords() {
        // *.api packages hold the UseCases interfaces and records; everything else in a context is internal
        noClasses().that().resideInAnyPackage("io.community.web..")
                .should().dependOnClassesThat().resideInAnyPackage("io.community.user", "io.community.user.persistence..",
                        "io.community.user.cache..", "io.community.relation", "io.community.relation.persistence..",
                        "io.community.creation", "io.community.creation.persistence..")
                .check(classes);
        noClasses().that().resideInAnyPackage("io.community.web..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Entity")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Service")
                .check(classes);
    }

    @Test
    void theMonolithWiresButDoesNotReachIntoPersistence() {
        noClasses().that().resideInAnyPackage("io.community.single..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .check(classes);
    }
}
