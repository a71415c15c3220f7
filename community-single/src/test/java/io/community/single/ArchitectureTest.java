package io.community.single;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.community.common.testing.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The project's dependency rules (docs/architecture.md), checked on the compiled classes of every module. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureTest {
    private static final List<String> CONTEXTS = List.of("user", "relation", "creation");
    private static final String[] TRANSPORTS = {
        "io.micronaut.http..",
        "io.grpc..",
        "com.google.protobuf..",
        "io.community.web..",
        "io.community.cluster..",
        "io.community.proto.."
    };
    private JavaClasses classes;

    @BeforeAll
    void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.community");
    }

    @Test
    void theCoreImportsNoTransport() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.community.common..",
                        "io.community.user..",
                        "io.community.relation..",
                        "io.community.creation..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(TRANSPORTS)
                .check(classes);
    }

    @Test
    void aContextDoesNotImportAnotherContext() {
        for (String context : CONTEXTS) {
            String[] others = CONTEXTS.stream()
                    .filter(c -> !c.equals(context))
                    .map(c -> "io.community." + c + "..")
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage("io.community." + context + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .check(classes);
        }
        noClasses()
                .that()
                .resideInAnyPackage("io.community.common..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.community.user..", "io.community.relation..", "io.community.creation..")
                .check(classes);
    }

    @Test
    void theWebAdapterSeesOnlyTheContextsPorts() {
        // a context's api package holds its *UseCases and records; everything else is its own business
        DescribedPredicate<JavaClass> contextInternals = resideInAnyPackage(
                        "io.community.user..", "io.community.relation..", "io.community.creation..")
                .and(DescribedPredicate.not(resideInAnyPackage("..api..")))
                .as("a context's internals (outside its api package)");
        noClasses()
                .that()
                .resideInAnyPackage("io.community.web..")
                .should()
                .dependOnClassesThat(contextInternals)
                .check(classes);
    }

    @Test
    void theProjectsConventionsHold() {
        // cycles, naming suffixes, plain api modules: io.community.common.testing.ArchitectureRules
        ArchitectureRules.checkAll(ArchitectureRules.productionClasses());
    }

    @Test
    void onlyTheMonolithWiresContextsTogether() {
        // the monolith may adapt one context's port to another's use cases, but never reach storage
        noClasses()
                .that()
                .resideInAnyPackage("io.community.single..")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .orShould()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Entity")
                .check(classes);
    }
}
