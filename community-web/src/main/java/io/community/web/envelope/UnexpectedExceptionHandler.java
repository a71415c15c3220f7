package io.community.web.envelope;

import io.community.common.error.DependencyFailures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exceptions no more specific handler claims (Micronaut picks the handler of the closest type, so
 * DomainException, validation and the framework's own exceptions keep theirs). A dependency that is
 * down — the database pool timing out, a lost connection, Redis not answering — is a 503 with
 * Retry-After ({@link DependencyFailures}, the same decision gRPC makes); anything else stays the
 * 500 the framework would answer, logged with its stack trace.
 */
@Produces
@Singleton
public class UnexpectedExceptionHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionHandler.class);

    private final ErrorResponseProcessor<?> errors;

    public UnexpectedExceptionHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
        return DependencyFailures.unavailable(exception)
                .<HttpResponse<?>>map(unavailable -> {
                    // one line, no stack: during an outage every request ends here
                    LOG.warn(
                            "{} {}: dependency unavailable, answering 503: {}",
                            request.getMethod(),
                            request.getPath(),
                            rootCause(exception));
                    return HttpErrors.response(unavailable);
                })
                .orElseGet(() -> {
                    LOG.error("Unexpected error on {} {}", request.getMethod(), request.getPath(), exception);
                    return errors.processResponse(
                            ErrorContext.builder(request)
                                    .cause(exception)
                                    .errorMessage("Internal Server Error")
                                    .build(),
                            HttpResponse.serverError());
                });
    }

    private static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
