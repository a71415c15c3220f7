package io.community.cluster.grpc;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
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
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster's shared secret, {@code community.cluster.internal-secret}, as the key every member
 * signs with. The secret itself never travels: what goes on the wire are short-lived HS256 tokens
 * signed with a key derived from it (HMAC-SHA256 of the secret and a fixed label), so whoever reads
 * the cluster's traffic cannot mint tokens of their own.
 * <ul>
 *   <li>A <b>member token</b> in the {@value #HEADER} metadata of every call a member makes: the
 *       methods meant only for members (the user service's Authenticate and Summaries) require it
 *       ({@link #serverInterceptor}).</li>
 *   <li>A <b>caller token</b> (subject, role, session id, audience = the service it is for) that the
 *       gateway mints once it has checked the caller's session; the services verify it locally
 *       ({@link #verifyCaller}) instead of checking the session again.</li>
 * </ul>
 * Both live {@link #LIFETIME} and are accepted with {@link #CLOCK_SKEW} of clock difference.
 * Why: docs/decisions/0001-internal-rpc-credential.md and 0035-one-session-check-per-request.md.
 */
public final class InternalCredential {
    public static final String HEADER = "x-community-internal";
    public static final int MIN_BYTES = 32;
    /** How long a minted token is accepted: seconds, so a leaked one is worth little. */
    public static final Duration LIFETIME = Duration.ofSeconds(30);
    /** Tolerated difference between the clocks of two members. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    static final Metadata.Key<String> KEY = Metadata.Key.of(HEADER, Metadata.ASCII_STRING_MARSHALLER);
    static final String ISSUER = "community-cluster";
    /** The audience of member tokens: any member's member-only methods. */
    static final String MEMBERS = "members";

    private static final String ROLE = "role";
    private static final String SESSION = "sid";
    private static final String LABEL = "community internal identity v1";
    private static final Logger LOG = LoggerFactory.getLogger(InternalCredential.class);

    private final SecretKey key;
    private final byte[] fingerprint;
    private final Clock clock;
    private final Map<String, JwtParser> parsers = new ConcurrentHashMap<>();

    private InternalCredential(byte[] secret, Clock clock) {
        this.key = Keys.hmacShaKeyFor(derive(secret));
        this.fingerprint = derive(key.getEncoded());
        this.clock = clock;
    }

    private static byte[] derive(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(LABEL.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * The configured secret, or empty when none is set.
     *
     * @throws IllegalArgumentException when it is shorter than {@value #MIN_BYTES} bytes or not printable ASCII
     */
    public static Optional<InternalCredential> of(String configured) {
        return of(configured, Clock.systemUTC());
    }

    /** As {@link #of(String)}, with the clock tokens are minted and checked against (tests). */
    public static Optional<InternalCredential> of(String configured, Clock clock) {
        if (configured == null || configured.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException(
                    "community.cluster.internal-secret (COMMUNITY_CLUSTER_INTERNAL_SECRET) is " + bytes.length
                            + " bytes long; at least " + MIN_BYTES + " are required. Refusing to start.");
        }
        if (!configured.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(
                    "community.cluster.internal-secret (COMMUNITY_CLUSTER_INTERNAL_SECRET) must be "
                            + "printable ASCII without spaces, e.g. base64. Refusing to start.");
        }
        return Optional.of(new InternalCredential(bytes, clock));
    }

    /** What a member signs with: the configured secret, or nothing (warned: the services will refuse its calls). */
    public static Optional<InternalCredential> forCaller(InternalCredentialProperties properties) {
        Optional<InternalCredential> credential = of(properties.getInternalSecret());
        if (credential.isEmpty()) {
            LOG.warn("community.cluster.internal-secret (COMMUNITY_CLUSTER_INTERNAL_SECRET) is not set: the services "
                    + "will refuse this member's calls. Set the same secret on every member.");
        }
        return credential;
    }

    /** What a service verifies with: the configured secret, or a random one (warned) that no caller can know. */
    public static InternalCredential forService(InternalCredentialProperties properties) {
        return of(properties.getInternalSecret()).orElseGet(() -> {
            LOG.warn(
                    "community.cluster.internal-secret (COMMUNITY_CLUSTER_INTERNAL_SECRET) is not set: using a random "
                            + "secret, so every call that needs a caller or a member is refused. Set the same secret on every member.");
            return random();
        });
    }

    /** A random secret for this process only: nobody else can sign with it, so its protected methods refuse everyone. */
    public static InternalCredential random() {
        byte[] random = new byte[MIN_BYTES + 16];
        new SecureRandom().nextBytes(random);
        return new InternalCredential(Base64.getEncoder().encode(random), Clock.systemUTC());
    }

    /** A member token: who signed it is a member; no caller. */
    public String mintMember() {
        Instant now = clock.instant();
        return Jwts.builder()
                .issuer(ISSUER)
                .audience()
                .add(MEMBERS)
                .and()
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(LIFETIME)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    /**
     * A caller token for one service ({@code audience}: user, relation or creation), minted by the
     * gateway after it checked the session; valid {@link #LIFETIME} from now.
     */
    public String mintCaller(String audience, Actor actor, String sessionId) {
        return mintCaller(audience, actor, sessionId, clock.instant());
    }

    /** As above, issued at {@code issuedAt} (tests of expiry). */
    public String mintCaller(String audience, Actor actor, String sessionId, Instant issuedAt) {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(actor, "actor");
        var builder = Jwts.builder()
                .issuer(ISSUER)
                .audience()
                .add(audience)
                .and()
                .subject(Long.toString(actor.userId()))
                .claim(ROLE, actor.role().name());
        if (sessionId != null) {
            builder.claim(SESSION, sessionId);
        }
        return builder.issuedAt(Date.from(issuedAt))
                .expiration(Date.from(issuedAt.plus(LIFETIME)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    /**
     * The caller a caller token names, if it was signed with this cluster's key for {@code audience}
     * and has not expired.
     *
     * @throws DomainException TOKEN_INVALID otherwise (forged, expired, for another service, malformed)
     */
    public Actor verifyCaller(String token, String audience) {
        try {
            Claims claims = parser(audience).parseSignedClaims(token).getPayload();
            String subject = claims.getSubject();
            String role = claims.get(ROLE, String.class);
            if (subject == null || role == null) {
                throw new DomainException(ErrorReason.TOKEN_INVALID, "no caller in the internal identity");
            }
            return new Actor(Long.parseLong(subject), Role.valueOf(role));
        } catch (JwtException | IllegalArgumentException e) {
            throw new DomainException(ErrorReason.TOKEN_INVALID, "no valid internal identity");
        }
    }

    /** Whether {@code token} is a member token of this cluster that has not expired. */
    boolean verifyMember(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        try {
            parser(MEMBERS).parseSignedClaims(token);
            return true;
        } catch (JwtException | IllegalArgumentException e) {
            return false;
        }
    }

    private JwtParser parser(String audience) {
        return parsers.computeIfAbsent(
                audience,
                a -> Jwts.parser()
                        .verifyWith(key)
                        .requireIssuer(ISSUER)
                        .requireAudience(a)
                        .clockSkewSeconds(CLOCK_SKEW.toSeconds())
                        .clock(() -> Date.from(clock.instant()))
                        .build());
    }

    /** For a member's channels: a member token on every call (one token reused for half its lifetime). */
    public ClientInterceptor clientInterceptor() {
        Reusable member = new Reusable(this::mintMember, clock);
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(
                    MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        headers.discardAll(KEY);
                        headers.put(KEY, member.get());
                        super.start(listener, headers);
                    }
                };
            }
        };
    }

    /**
     * For a service: {@code internalMethods} (full names) run only with a valid member token; a call
     * without one is closed with PERMISSION_DENIED before its handler runs. Other methods are not affected.
     */
    public ServerInterceptor serverInterceptor(Set<String> internalMethods) {
        Set<String> methods = Set.copyOf(internalMethods);
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                String method = call.getMethodDescriptor().getFullMethodName();
                if (!methods.contains(method) || verifyMember(headers.get(KEY))) {
                    return next.startCall(call, headers);
                }
                LOG.warn(
                        "Refused {}: {} member token (set the same COMMUNITY_CLUSTER_INTERNAL_SECRET on every member)",
                        method,
                        headers.containsKey(KEY) ? "invalid or expired" : "no");
                StatusRuntimeException denied = GrpcErrors.toStatus(
                        new DomainException(ErrorReason.FORBIDDEN, "only members of the cluster may call " + method));
                call.close(denied.getStatus(), denied.getTrailers());
                return new ServerCall.Listener<>() {};
            }
        };
    }

    /** A minted token kept while more than half of its lifetime is left, so signing is rare. */
    static final class Reusable {
        private final java.util.function.Supplier<String> mint;
        private final Clock clock;
        private volatile String token;
        private volatile Instant renewAt = Instant.MIN;

        Reusable(java.util.function.Supplier<String> mint, Clock clock) {
            this.mint = mint;
            this.clock = clock;
        }

        String get() {
            Instant now = clock.instant();
            if (token == null || !now.isBefore(renewAt)) {
                token = mint.get();
                renewAt = now.plus(LIFETIME.dividedBy(2));
            }
            return token;
        }
    }

    @Override
    public String toString() {
        return "InternalCredential{***}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InternalCredential other && MessageDigest.isEqual(fingerprint, other.fingerprint);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fingerprint);
    }
}
