package io.community.web.envelope;

import io.community.common.error.DomainException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Business and authorization errors, from controllers and from the auth filter alike. */
@Produces
@Singleton
public class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<Envelope<Object>>> {

    @Override
    public HttpResponse<Envelope<Object>> handle(HttpRequest request, DomainException exception) {
        return HttpErrors.response(exception);
    }
}
