package io.community.cluster.service;

import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The full names of the RPCs a service answers without a bearer token. Each service declares its
 * own (the user service: SendEmailCode, Register, Login, Authenticate, Summaries; the others none);
 * the runtime adds the health and reflection services, which probes and tools call without one.
 */
public record PublicMethods(Set<String> fullNames) {

    public PublicMethods {
        fullNames = Set.copyOf(fullNames);
    }

    public static PublicMethods none() {
        return new PublicMethods(Set.of());
    }

    public static PublicMethods of(MethodDescriptor<?, ?>... methods) {
        return new PublicMethods(Arrays.stream(methods)
                .map(MethodDescriptor::getFullMethodName)
                .collect(java.util.stream.Collectors.toSet()));
    }

    /** These plus every method of {@code services}. */
    public PublicMethods plusAllOf(ServiceDescriptor... services) {
        Set<String> all = new HashSet<>(fullNames);
        for (ServiceDescriptor service : services) {
            service.getMethods().forEach(m -> all.add(m.getFullMethodName()));
        }
        return new PublicMethods(all);
    }
}
