package io.community.cluster.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.community.common.error.DomainException;
import io.community.common.error.ErrorCategory;
import io.community.common.error.ErrorReason;
import io.community.common.error.FieldError;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place where {@link DomainException}s become gRPC statuses and back.
 *
 * <p>A service answers with the canonical code of the reason's category plus
 * {@code google.rpc.ErrorInfo{reason, domain, metadata}} and, for field errors,
 * {@code google.rpc.BadRequest}. The caller (the gateway, or a service calling another one) rebuilds
 * the same exception from those details, so the HTTP envelope it writes is the monolith's.
 * Business numbers never travel as status codes: the reason name identifies the error, the number
 * comes from the caller's own {@link ErrorReason}.
 */
public final class GrpcErrors {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcErrors.class);
    /** gRPC's server pushback (gRFC A6): a negative value means "do not retry". */
    static final Metadata.Key<String> RETRY_PUSHBACK =
            Metadata.Key.of("grpc-retry-pushback-ms", Metadata.ASCII_STRING_MARSHALLER);

    private GrpcErrors() {}

    /** The canonical gRPC code of a category; the names are the same on purpose. */
    public static Status.Code code(ErrorCategory category) {
        return switch (category) {
            case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
            case UNAUTHENTICATED -> Status.Code.UNAUTHENTICATED;
            case PERMISSION_DENIED -> Status.Code.PERMISSION_DENIED;
            case NOT_FOUND -> Status.Code.NOT_FOUND;
            case ALREADY_EXISTS -> Status.Code.ALREADY_EXISTS;
            case FAILED_PRECONDITION -> Status.Code.FAILED_PRECONDITION;
            case RESOURCE_EXHAUSTED -> Status.Code.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> Status.Code.UNAVAILABLE;
            case DEADLINE_EXCEEDED -> Status.Code.DEADLINE_EXCEEDED;
            case INTERNAL -> Status.Code.INTERNAL;
        };
    }

    /**
     * The status a service answers with. The message is the exception's, except for INTERNAL, whose
     * message may carry internal details and is replaced by the reason's fixed text (as HttpErrors
     * does). Metadata and field errors are kept for every category, because the HTTP envelope of the
     * monolith keeps the field errors for every category too.
     */
    public static StatusRuntimeException toStatus(DomainException e) {
        return toStatus(e, code(e.reason().category()));
    }

    /**
     * A server refusing a call because it is at its concurrency limit: RESOURCE_EXHAUSTED (so the
     * caller's gRPC does not retry it and its circuit breaker does not count it: the server is busy,
     * not sick) carrying SERVICE_UNAVAILABLE with RetryInfo, which the gateway answers as the
     * monolith does, 503 / 10013 with {@code Retry-After}.
     */
    public static StatusRuntimeException overloaded(String message, Duration retryAfter) {
        return toStatus(DomainException.unavailable(message, retryAfter), Status.Code.RESOURCE_EXHAUSTED);
    }

    private static StatusRuntimeException toStatus(DomainException e, Status.Code code) {
        ErrorReason reason = e.reason();
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(publicMessage(reason, e.getMessage()))
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason(reason.name())
                        .setDomain(ErrorReason.DOMAIN)
                        .putAllMetadata(e.metadata())
                        .build()));
        if (!e.fieldErrors().isEmpty()) {
            BadRequest.Builder badRequest = BadRequest.newBuilder();
            for (FieldError f : e.fieldErrors()) {
                // protobuf strings cannot be null; a null field or message arrives as ""
                badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                        .setField(f.field() == null ? "" : f.field())
                        .setDescription(f.message() == null ? "" : f.message()));
            }
            status.addDetails(Any.pack(badRequest.build()));
        }
        e.retryAfter()
                .ifPresent(after -> status.addDetails(Any.pack(RetryInfo.newBuilder()
                        .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                                .setSeconds(after.getSeconds())
                                .setNanos(after.getNano()))
                        .build())));
        Metadata trailers = new Metadata();
        if (code == Status.Code.UNAVAILABLE && e.retryAfter().isPresent()) {
            // An UNAVAILABLE that says when to come back (a database or Redis down, which every
            // instance shares) must not be retried at once by the caller's gRPC: each attempt would
            // wait for the pool's timeout again and the request would end in its deadline instead
            // of a fast 503. A negative pushback says so. Other UNAVAILABLEs (an instance going
            // away) carry none and are still retried on another instance.
            trailers.put(RETRY_PUSHBACK, "-1");
        }
        return StatusProto.toStatusRuntimeException(status.build(), trailers);
    }

    public static DomainException fromStatus(StatusRuntimeException e) {
        return fromStatus(e.getStatus(), e.getTrailers());
    }

    public static DomainException fromStatus(StatusException e) {
        return fromStatus(e.getStatus(), e.getTrailers());
    }

    /**
     * Any failure of a call (possibly wrapped, e.g. by a future) as a DomainException; a
     * DomainException passes through unchanged.
     */
    public static DomainException fromThrowable(Throwable t) {
        if (t instanceof DomainException d) {
            return d;
        }
        return fromStatus(Status.fromThrowable(t), Status.trailersFromThrowable(t));
    }

    /**
     * Rebuilds the DomainException a service answered with. Without our ErrorInfo the failure came
     * from the transport (or a foreign server): it is mapped by code alone, and the remote text is
     * never used because it may describe internals of another process.
     */
    public static DomainException fromStatus(Status status, Metadata trailers) {
        Optional<com.google.rpc.Status> details = details(status, trailers);
        if (details.isPresent()) {
            Optional<ErrorInfo> info = unpack(details.get(), ErrorInfo.class).stream()
                    .filter(i -> ErrorReason.DOMAIN.equals(i.getDomain()))
                    .findFirst();
            if (info.isPresent()) {
                return fromErrorInfo(status, details.get(), info.get());
            }
        }
        return fromTransport(status);
    }

    /**
     * True when the status carries our {@code ErrorInfo}: the remote service itself answered with a
     * reasoned error (even SERVICE_UNAVAILABLE, e.g. "codes cannot be sent while the cache is down"),
     * as opposed to a transport failure, a deadline or a foreign server.
     */
    public static boolean isReasonedAnswer(Status status, Metadata trailers) {
        return details(status, trailers).stream()
                .flatMap(d -> unpack(d, ErrorInfo.class).stream())
                .anyMatch(i -> ErrorReason.DOMAIN.equals(i.getDomain()));
    }

    private static DomainException fromErrorInfo(Status status, com.google.rpc.Status details, ErrorInfo info) {
        Optional<ErrorReason> known = ErrorReason.byName(info.getReason());
        if (known.isEmpty()) {
            // A newer server may know reasons we don't; guessing a category would be worse than 500.
            LOG.warn(
                    "Remote call failed with unknown error reason {} (status {}); answering {}",
                    info.getReason(),
                    status.getCode(),
                    ErrorReason.INTERNAL_ERROR);
            return new DomainException(ErrorReason.INTERNAL_ERROR);
        }
        ErrorReason reason = known.get();
        List<FieldError> fieldErrors = new ArrayList<>();
        for (BadRequest badRequest : unpack(details, BadRequest.class)) {
            for (BadRequest.FieldViolation v : badRequest.getFieldViolationsList()) {
                fieldErrors.add(new FieldError(v.getField(), v.getDescription()));
            }
        }
        Duration retryAfter = unpack(details, RetryInfo.class).stream()
                .map(r -> Duration.ofSeconds(
                        r.getRetryDelay().getSeconds(), r.getRetryDelay().getNanos()))
                .findFirst()
                .orElse(null);
        return new DomainException(
                reason, publicMessage(reason, details.getMessage()), info.getMetadataMap(), fieldErrors, retryAfter);
    }

    private static DomainException fromTransport(Status status) {
        ErrorReason reason = switch (status.getCode()) {
            case UNAVAILABLE, CANCELLED -> ErrorReason.SERVICE_UNAVAILABLE;
            case DEADLINE_EXCEEDED -> ErrorReason.DEADLINE_EXCEEDED;
            case UNAUTHENTICATED -> ErrorReason.UNAUTHORIZED;
            default -> ErrorReason.INTERNAL_ERROR;
        };
        // The remote text stays in our log only; an unexplained failure is worth a warning.
        if (reason == ErrorReason.INTERNAL_ERROR) {
            LOG.warn(
                    "Remote call failed without an error reason: {} {}",
                    status.getCode(),
                    status.getDescription(),
                    status.getCause());
        } else {
            LOG.debug(
                    "Remote call failed without an error reason: {} {}",
                    status.getCode(),
                    status.getDescription(),
                    status.getCause());
        }
        return new DomainException(reason);
    }

    /** INTERNAL never shows its own text, on either side of the wire (defense in depth). */
    private static String publicMessage(ErrorReason reason, String message) {
        return reason.category() == ErrorCategory.INTERNAL ? reason.defaultMessage() : message;
    }

    private static Optional<com.google.rpc.Status> details(Status status, Metadata trailers) {
        if (trailers == null) {
            return Optional.empty();
        }
        try {
            com.google.rpc.Status details = StatusProto.fromStatusAndTrailers(status, trailers);
            return details.getDetailsCount() == 0 ? Optional.empty() : Optional.of(details);
        } catch (RuntimeException e) {
            // unparsable details, or details whose code disagrees with the status: not our answer
            LOG.warn("Ignoring malformed status details of a {} answer: {}", status.getCode(), e.toString());
            return Optional.empty();
        }
    }

    private static <T extends com.google.protobuf.Message> List<T> unpack(
            com.google.rpc.Status details, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Any any : details.getDetailsList()) {
            if (any.is(type)) {
                try {
                    found.add(any.unpack(type));
                } catch (InvalidProtocolBufferException e) {
                    LOG.warn("Ignoring malformed {} in status details: {}", type.getSimpleName(), e.toString());
                }
            }
        }
        return found;
    }
}
