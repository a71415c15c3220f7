package io.community.cluster.grpc;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The shared secret that marks a call as coming from a member of the cluster (the gateway, or a
 * service calling another), sent in the {@value #HEADER} metadata of every call a member makes and
 * required by the methods meant only for members (the user service's Authenticate and Summaries).
 * Why a shared secret and not mTLS: docs/decisions/0001-internal-rpc-credential.md.
 *
 * <p>Compared in constant time; never logged. At least {@value #MIN_BYTES} bytes.
 */
public final class InternalCredential {
    public static final String HEADER = "x-community-internal";
    public static final int MIN_BYTES = 32;
    static final Metadata.Key<String> KEY = Metadata.Key.of(HEADER, Metadata.ASCII_STRING_MARSHALLER);
    private static final Logger LOG = LoggerFactory.getLogger(InternalCredential.class);

    private final byte[] secret;
    private final String header;

    private InternalCredential(byte[] secret, String header) {
        this.secret = secret;
        this.header = header;
    }

    /**
     * The configured secret, or empty when none is set.
     *
     * @throws IllegalArgumentException when it is shorter than {@value #MIN_BYTES} bytes or not printable ASCII
     */
    public static Optional<InternalCredential> of(String configured) {
        if (configured == null || configured.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("community.cluster.internal-secret (COMMUNITY_CLUSTER_INTERNAL_SECRET) is "
                    + bytes.length + " bytes long; at least " + MIN_BYTES + " are required. Refusing to start.");
        }
        if (!configured.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("community.cluster.internal-secret (COMMUNITY_CLUSTER_INTERNAL_SECRET) must be "
                    + "printable ASCII without spaces (it travels as gRPC metadata), e.g. base64. Refusing to start.");
        }
        return Optional.of(new InternalCredential(bytes, configured));
    }

    /** What a member sends: the configured secret, or nothing (warned: the user service will refuse its internal calls). */
    public static Optional<InternalCredential> forCaller(InternalCredentialProperties properties) {
        Optional<InternalCredential> credential = of(properties.getInternalSecret());
        if (credential.isEmpty()) {
            LOG.warn("community.cluster.internal-secret (COMMUNITY_CLUSTER_INTERNAL_SECRET) is not set: calls to the user "
                    + "service's internal RPCs (Authenticate, Summaries) will be refused. Set the same secret on every member.");
        }
        return credential;
    }

    /** What a service requires: the configured secret, or a random one (warned) that no caller can know. */
    public static InternalCredential forService(InternalCredentialProperties properties) {
        return of(properties.getInternalSecret()).orElseGet(() -> {
            LOG.warn("community.cluster.internal-secret (COMMUNITY_CLUSTER_INTERNAL_SECRET) is not set: using a random "
                    + "secret, so every call to this service's internal RPCs is refused. Set the same secret on every member.");
            return random();
        });
    }

    /** A random secret for this process only: nobody else can present it, so its internal methods refuse everyone. */
    public static InternalCredential random() {
        byte[] random = new byte[MIN_BYTES + 16];
        new SecureRandom().nextBytes(random);
        String encoded = Base64.getEncoder().encodeToString(random);
        return new InternalCredential(encoded.getBytes(StandardCharsets.US_ASCII), encoded);
    }

    boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** For a member's channels: adds the secret to every call. */
    public ClientInterceptor clientInterceptor() {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        headers.put(KEY, header);
                        super.start(listener, headers);
                    }
                };
            }
        };
    }

    /**
     * For a service: {@code internalMethods} (full names) run only with this secret; a call without
     * it or with another is closed with PERMISSION_DENIED before its handler runs. Other methods
     * are not affected.
     */
    public ServerInterceptor serverInterceptor(Set<String> internalMethods) {
        Set<String> methods = Set.copyOf(internalMethods);
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                              ServerCallHandler<Q, R> next) {
                String method = call.getMethodDescriptor().getFullMethodName();
                if (!methods.contains(method) || matches(headers.get(KEY))) {
                    return next.startCall(call, headers);
                }
                LOG.warn("Refused {}: {} internal credential (set the same COMMUNITY_CLUSTER_INTERNAL_SECRET on every member)",
                        method, headers.containsKey(KEY) ? "wrong" : "no");
                StatusRuntimeException denied = GrpcErrors.toStatus(new DomainException(ErrorReason.FORBIDDEN,
                        "only members of the cluster may call " + method));
                call.close(denied.getStatus(), denied.getTrailers());
                return new ServerCall.Listener<>() {
                };
            }
        };
    }

    @Override
    public String toString() {
        return "InternalCredential{***}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InternalCredential other && MessageDigest.isEqual(secret, other.secret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(secret);
    }
}
