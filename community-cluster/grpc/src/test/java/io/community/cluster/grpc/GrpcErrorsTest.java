package io.community.cluster.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.community.common.error.DomainException;
import io.community.common.error.ErrorCategory;
import io.community.common.error.ErrorReason;
import io.community.common.error.FieldError;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapping itself, without a call; the wire round trips are in ErrorRoundTripTest. */
class GrpcErrorsTest {

    @ParameterizedTest
    @CsvSource({
        "INVALID_ARGUMENT, INVALID_ARGUMENT",
        "UNAUTHENTICATED, UNAUTHENTICATED",
        "PERMISSION_DENIED, PERMISSION_DENIED",
        "NOT_FOUND, NOT_FOUND",
        "ALREADY_EXISTS, ALREADY_EXISTS",
        "FAILED_PRECONDITION, FAILED_PRECONDITION",
        "RESOURCE_EXHAUSTED, RESOURCE_EXHAUSTED",
        "UNAVAILABLE, UNAVAILABLE",
        "DEADLINE_EXCEEDED, DEADLINE_EXCEEDED",
        "INTERNAL, INTERNAL"
    })
    void categoryMapsToCanonicalCode(ErrorCategory category, Status.Code expected) {
        assertThat(GrpcErrors.code(category)).isEqualTo(expected);
    }

    @Test
    void everyCategoryIsInTheTableAbove() {
        // a new category must get a row in categoryMapsToCanonicalCode
        assertThat(ErrorCategory.values()).hasSize(10);
    }

    @Test
    void toStatusCarriesErrorInfoAndBadRequest() {
        DomainException e = new DomainException(
                ErrorReason.INVALID_PARAMS,
                "title: must not be blank",
                Map.of("postId", "7"),
                List.of(new FieldError("title", "must not be blank")));

        StatusRuntimeException sre = GrpcErrors.toStatus(e);

        assertThat(sre.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(sre.getStatus().getDescription()).isEqualTo("title: must not be blank");
        com.google.rpc.Status details = StatusProto.fromThrowable(sre);
        assertThat(details).isNotNull();
        assertThat(details.getDetailsCount()).isEqualTo(2);
        assertThat(details.getDetails(0).is(ErrorInfo.class)).isTrue();
        assertThat(details.getDetails(1).is(BadRequest.class)).isTrue();
    }

    @Test
    void retryAfterTravelsAsRetryInfo() {
        DomainException sent = DomainException.unavailable("database unavailable", java.time.Duration.ofMillis(2500));

        DomainException received = GrpcErrors.fromStatus(GrpcErrors.toStatus(sent));

        assertThat(received.reason()).isEqualTo(ErrorReason.SERVICE_UNAVAILABLE);
        assertThat(received.retryAfter()).contains(java.time.Duration.ofMillis(2500));
        assertThat(GrpcErrors.fromStatus(GrpcErrors.toStatus(DomainException.notFound("post")))
                        .retryAfter())
                .isEmpty();
    }

    @Test
    void toStatusOmitsBadRequestWithoutFieldErrors() throws Exception {
        StatusRuntimeException sre = GrpcErrors.toStatus(DomainException.notFound("post"));

        com.google.rpc.Status details = StatusProto.fromThrowable(sre);
        assertThat(details.getDetailsList()).hasSize(1);
        ErrorInfo info = details.getDetails(0).unpack(ErrorInfo.class);
        assertThat(info.getReason()).isEqualTo("NOT_FOUND");
        assertThat(info.getDomain()).isEqualTo(ErrorReason.DOMAIN).isEqualTo("community.io");
        assertThat(info.getMetadataMap()).isEmpty();
        // the business number travels nowhere
        assertThat(sre.getStatus().getCode().value()).isNotEqualTo(ErrorReason.NOT_FOUND.code());
        assertThat(details.toString()).doesNotContain(Integer.toString(ErrorReason.NOT_FOUND.code()));
    }

    @Test
    void toStatusReplacesInternalMessage() {
        StatusRuntimeException sre =
                GrpcErrors.toStatus(new DomainException(ErrorReason.INTERNAL_ERROR, "connection to db-7:3306 refused"));

        assertThat(sre.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(sre.getStatus().getDescription()).isEqualTo("internal server error");
        assertThat(StatusProto.fromThrowable(sre).toString()).doesNotContain("db-7");
    }

    @ParameterizedTest
    @CsvSource({
        "UNAVAILABLE, SERVICE_UNAVAILABLE",
        "CANCELLED, SERVICE_UNAVAILABLE",
        "DEADLINE_EXCEEDED, DEADLINE_EXCEEDED",
        "UNAUTHENTICATED, UNAUTHORIZED",
        "INTERNAL, INTERNAL_ERROR",
        "UNKNOWN, INTERNAL_ERROR",
        "NOT_FOUND, INTERNAL_ERROR",
        "INVALID_ARGUMENT, INTERNAL_ERROR",
        "RESOURCE_EXHAUSTED, INTERNAL_ERROR",
        "UNIMPLEMENTED, INTERNAL_ERROR"
    })
    void statusWithoutErrorInfoMapsByCodeAndDropsRemoteText(Status.Code code, ErrorReason expected) {
        Status status = Status.fromCode(code).withDescription("io exception: 10.1.2.3 refused");

        DomainException e = GrpcErrors.fromStatus(status, new Metadata());

        assertThat(e.reason()).isEqualTo(expected);
        assertThat(e.getMessage()).isEqualTo(expected.defaultMessage());
        assertThat(e.metadata()).isEmpty();
        assertThat(e.fieldErrors()).isEmpty();
        assertThat(GrpcErrors.fromStatus(status, null).reason()).isEqualTo(expected);
    }

    @Test
    void unknownReasonFromANewerServerIsInternal() {
        StatusRuntimeException sre = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.FAILED_PRECONDITION.value())
                .setMessage("post is archived")
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason("POST_ARCHIVED")
                        .setDomain(ErrorReason.DOMAIN)
                        .build()))
                .build());

        DomainException e = GrpcErrors.fromStatus(sre);

        assertThat(e.reason()).isEqualTo(ErrorReason.INTERNAL_ERROR);
        assertThat(e.getMessage()).isEqualTo("internal server error");
    }

    @Test
    void errorInfoOfAnotherDomainIsIgnored() {
        StatusRuntimeException sre = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.UNAVAILABLE.value())
                .setMessage("quota backend down")
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason("NOT_FOUND")
                        .setDomain("googleapis.com")
                        .build()))
                .build());

        DomainException e = GrpcErrors.fromStatus(sre);

        assertThat(e.reason()).isEqualTo(ErrorReason.SERVICE_UNAVAILABLE);
        assertThat(e.getMessage()).isEqualTo("service unavailable");
    }

    @Test
    void detailsWhoseCodeDisagreesWithTheStatusAreNotTrusted() {
        Metadata trailers =
                GrpcErrors.toStatus(DomainException.notFound("post")).getTrailers();

        // e.g. a proxy replaced the status but kept the trailers
        DomainException e = GrpcErrors.fromStatus(Status.UNAVAILABLE, trailers);

        assertThat(e.reason()).isEqualTo(ErrorReason.SERVICE_UNAVAILABLE);
    }

    @Test
    void internalTextFromTheWireIsReplacedOnReceiptToo() {
        StatusRuntimeException sre = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.INTERNAL.value())
                .setMessage("NullPointerException at PostService.java:88")
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason("INTERNAL_ERROR")
                        .setDomain(ErrorReason.DOMAIN)
                        .build()))
                .build());

        assertThat(GrpcErrors.fromStatus(sre).getMessage()).isEqualTo("internal server error");
    }

    @Test
    void fromThrowablePassesDomainExceptionsAndUnwrapsStatuses() {
        DomainException original = DomainException.forbidden("admin only");
        assertThat(GrpcErrors.fromThrowable(original)).isSameAs(original);

        Throwable wrapped = new CompletionException(GrpcErrors.toStatus(original));
        DomainException back = GrpcErrors.fromThrowable(wrapped);
        assertThat(back.reason()).isEqualTo(ErrorReason.FORBIDDEN);
        assertThat(back.getMessage()).isEqualTo("admin only");

        assertThat(GrpcErrors.fromThrowable(new IllegalStateException("x")).reason())
                .isEqualTo(ErrorReason.INTERNAL_ERROR);
    }
}
