package io.community.common.testing;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The project's naming and layering conventions as ArchUnit rules, defined once and checked by
 * every module's architecture test on the production classes that module sees (the monolith
 * sees the core and the web adapter, a cluster module its endpoints or clients). Annotations and
 * supertypes are named by their class names, so this jar needs neither Micronaut HTTP nor gRPC.
 * A rule that finds nothing to check in a module passes there.
 */
public final class ArchitectureRules {

    /**
     * No package of the project depends, directly or through others, on itself. The explicit wiring
     * is the one exception: a context's {@code @Factory} sits next to the ports it wires and names
     * their adapters ({@code cache}, {@code persistence}), which implement those ports.
     */
    public static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.community.(**)")
            .should()
            .beFreeOfCycles()
            .ignoreDependency(annotatedWith("io.micronaut.context.annotation.Factory"), DescribedPredicate.alwaysTrue())
            .allowEmptyShould(true);

    public static final ArchRule CONTROLLERS = classes()
            .that()
            .areAnnotatedWith("io.micronaut.http.annotation.Controller")
            .should()
            .haveSimpleNameEndingWith("Controller")
            .allowEmptyShould(true);

    public static final ArchRule PROPERTIES = classes()
            .that()
            .areTopLevelClasses()
            .and(annotatedWith("io.micronaut.context.annotation.ConfigurationProperties")
                    .or(annotatedWith("io.micronaut.context.annotation.EachProperty")))
            .should()
            .haveSimpleNameEndingWith("Properties")
            .allowEmptyShould(true);

    /** The two exceptions only contribute framework extensions (type converters, meter filters). */
    public static final ArchRule FACTORIES = classes()
            .that()
            .areAnnotatedWith("io.micronaut.context.annotation.Factory")
            .and()
            .doNotHaveSimpleName("MailConverters")
            .and()
            .doNotHaveSimpleName("MonitoringMeterFilters")
            .should()
            .haveSimpleNameEndingWith("Factory")
            .allowEmptyShould(true);

    /** A context's port: an interface in its api package. */
    public static final ArchRule USE_CASES = classes()
            .that()
            .haveSimpleNameEndingWith("UseCases")
            .should()
            .beInterfaces()
            .andShould()
            .resideInAPackage("io.community.*.api")
            .allowEmptyShould(true);

    /** A port is implemented by its context's service (in-process) or by the gateway's gRPC client. */
    public static final ArchRule USE_CASE_IMPLEMENTATIONS = classes()
            .that()
            .areNotInterfaces()
            .and()
            .implement(simpleNameEndingWith("UseCases"))
            .should()
            .haveSimpleNameEndingWith("Service")
            .orShould()
            .haveSimpleNameEndingWith("GrpcClient")
            .allowEmptyShould(true);

    /** Services live in the core, clients in the gateway. */
    public static final ArchRule SERVICES_AND_CLIENTS = classes()
            .that()
            .areNotInterfaces()
            .and()
            .implement(simpleNameEndingWith("UseCases"))
            .and()
            .haveSimpleNameEndingWith("GrpcClient")
            .should()
            .resideInAPackage("io.community.cluster.gateway..")
            .allowEmptyShould(true);

    /** A store port is implemented in SQL (Jdbc*Store) or as a cache in front of one (Caching*Store). */
    public static final ArchRule STORES = classes()
            .that()
            .areNotInterfaces()
            .and()
            .implement(simpleNameEndingWith("Store"))
            .should()
            .haveNameMatching(".*\\.(Jdbc|Caching)[A-Za-z0-9]*Store")
            .as("classes that implement a *Store port should be named Jdbc*Store or Caching*Store")
            .allowEmptyShould(true);

    /** The services' gRPC adapters (subclasses of the generated *ImplBase). */
    public static final ArchRule GRPC_ENDPOINTS = classes()
            .that()
            .areAssignableTo("io.grpc.BindableService")
            .and()
            .areNotInterfaces()
            .and()
            .resideOutsideOfPackage("io.community.proto..")
            .should()
            .haveSimpleNameEndingWith("GrpcEndpoint")
            .allowEmptyShould(true);

    /** A context's api module holds ports and records: no framework, transport or persistence types. */
    public static final ArchRule API_MODULES_ARE_PLAIN = noClasses()
            .that()
            .resideInAPackage("io.community.*.api..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.micronaut.data..",
                    "io.micronaut.http..",
                    "io.micronaut.context..",
                    "io.micronaut.inject..",
                    "io.micronaut.transaction..",
                    "jakarta.persistence..",
                    "jakarta.inject..",
                    "java.sql..",
                    "javax.sql..",
                    "io.grpc..",
                    "com.google.protobuf..",
                    "io.lettuce..",
                    "org.flywaydb..")
            .allowEmptyShould(true);

    /** Every rule above. */
    public static final List<ArchRule> ALL = List.of(
            NO_PACKAGE_CYCLES,
            CONTROLLERS,
            PROPERTIES,
            FACTORIES,
            USE_CASES,
            USE_CASE_IMPLEMENTATIONS,
            SERVICES_AND_CLIENTS,
            STORES,
            GRPC_ENDPOINTS,
            API_MODULES_ARE_PLAIN);

    private ArchitectureRules() {}

    /**
     * The production classes of the project on this module's classpath: no test classes, also not
     * those of another module's test-jar (which a reactor build after "package" puts there), and
     * not the classes Micronaut generates at compile time ({@code $Post$Introspection}, ...), which
     * necessarily use the framework.
     */
    public static JavaClasses productionClasses(String... packages) {
        // The rules name framework types by their names, which need no import: not following every
        // dependency into the framework's jars makes the import seconds instead of a minute.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .withImportOption(location -> !location.contains("/$"))
                .importPackages(packages.length == 0 ? new String[] {"io.community"} : packages);
    }

    /** Checks every rule and reports all violations at once. */
    public static void checkAll(JavaClasses classes) {
        StringBuilder failures = new StringBuilder();
        for (ArchRule rule : ALL) {
            var result = rule.evaluate(classes);
            if (result.hasViolation()) {
                failures.append(result.getFailureReport()).append('\n');
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.toString());
        }
    }
}
