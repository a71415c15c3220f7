package io.community.cluster.service;

import io.community.cluster.discovery.BackendChannelFactory;
import io.community.cluster.grpc.BackendChannels;
import io.community.cluster.grpc.BackendsProperties;
import io.community.cluster.grpc.GrpcErrors;
import io.community.cluster.grpc.InternalCredential;
import io.community.cluster.grpc.InternalCredentialProperties;
import io.community.cluster.grpc.RetryPolicies;
import io.community.proto.v1.UserServiceGrpc;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Function;

/**
 * The channel from a relation or creation service to the user service
 * ({@code community.backends.user}, COMMUNITY_BACKENDS_USER, or {@code etcd:///user} with discovery on), with the backends' deadline on every
 * call. Created on first use only, so the user service itself never opens one. A failed call comes
 * back as the DomainException the user service answered with (or SERVICE_UNAVAILABLE /
 * DEADLINE_EXCEEDED when it did not answer).
 */
@Singleton
public class UserBackend implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UserBackend.class);

    private final ManagedChannel channel;
    private final UserServiceGrpc.UserServiceBlockingStub stub;

    public UserBackend(
            BackendsProperties backends, BackendChannelFactory channels, InternalCredentialProperties internal) {
        // session checks and user lookups are reads: retried on UNAVAILABLE, e.g. while an instance goes away
        this.channel = channels.open(
                "user",
                backends.getUser(),
                RetryPolicies.readsOnUnavailable(List.of(UserServiceGrpc.getServiceDescriptor()), 3));
        // this service is a member of the cluster: its calls carry the internal credential (Authenticate needs it)
        this.stub = UserServiceGrpc.newBlockingStub(BackendChannels.intercepted(
                channel,
                backends.getDeadline(),
                InternalCredential.forCaller(internal)
                        .map(InternalCredential::clientInterceptor)
                        .map(i -> new ClientInterceptor[] {i})
                        .orElseGet(() -> new ClientInterceptor[0])));
        LOG.info(
                "User service at {} (deadline {})",
                channels.target("user", backends.getUser()),
                backends.getDeadline());
    }

    /** Runs one call on the user service's stub; gRPC failures become DomainExceptions. */
    public <T> T call(Function<UserServiceGrpc.UserServiceBlockingStub, T> rpc) {
        try {
            return rpc.apply(stub);
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.fromStatus(e);
        }
    }

    @Override
    @PreDestroy
    public void close() {
        BackendChannels.close(channel);
    }
}
