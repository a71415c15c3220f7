package io.community.cluster.service.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The thin-adapter rule of the cluster: a {@code *GrpcEndpoint} sees the contexts only through
 * their ports and records (the {@code api} packages) and the shared kernel's error, identity and
 * paging types; it never reaches a service, store, repository or cache directly. The rest is
 * transport: the generated contract and its mapping, the cluster's gRPC plumbing, grpc-java, protobuf.
 */
public final class EndpointRules {
    public static final ArchRule ENDPOINTS_SEE_ONLY_PORTS = classes()
            .that()
            .haveSimpleNameEndingWith("GrpcEndpoint")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "io.community.user.api..",
                    "io.community.relation.api..",
                    "io.community.creation.api..",
                    "io.community.common.error..",
                    "io.community.common.identity..",
                    "io.community.common.paging..",
                    // the user endpoint's Authenticate reads the session's id and end from a token its
                    // use case accepted: the shared kernel's codec, no rule of a context
                    "io.community.common.token..",
                    "io.community.proto..",
                    "io.community.cluster..",
                    "io.grpc..",
                    "com.google.protobuf..",
                    "jakarta.inject..",
                    "io.micronaut.core.annotation..")
            .as(
                    "*GrpcEndpoint classes depend only on the contexts' api packages, the proto contract and community-cluster");

    private EndpointRules() {}

    /** The production classes (tests excluded) under {@code basePackage}. */
    public static JavaClasses productionClasses(String basePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }
}
