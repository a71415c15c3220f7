package io.community.cluster.service;

import io.grpc.MethodDescriptor;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The full names of the RPCs only members of the cluster may call (they carry the internal
 * credential, {@link io.community.cluster.grpc.InternalCredential}). A service that has some
 * declares them as a bean (the user service: Authenticate and Summaries); without the bean there
 * are none.
 */
public record InternalMethods(Set<String> fullNames) {

    public InternalMethods {
        fullNames = Set.copyOf(fullNames);
    }

    public static InternalMethods of(MethodDescriptor<?, ?>... methods) {
        return new InternalMethods(
                Arrays.stream(methods).map(MethodDescriptor::getFullMethodName).collect(Collectors.toSet()));
    }
}
