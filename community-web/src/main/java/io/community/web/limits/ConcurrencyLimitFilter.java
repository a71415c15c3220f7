package io.community.web.limits;

import io.community.common.error.DomainException;
import io.community.monitoring.limits.ConcurrencyLimiter;
import io.community.web.envelope.HttpErrors;
import io.micronaut.core.async.annotation.SingleResult;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * The process's concurrency limit at its HTTP API ({@link ConcurrencyLimiter}), shared by the
 * monolith and the gateway. Only {@code /api/**} is limited: health, metrics, Swagger UI and the
 * code table stay reachable under overload. It runs first, before authentication, so a refused
 * request costs no session lookup: it is answered on the event loop with 503 / 10013 and
 * {@code Retry-After}, in the envelope.
 *
 * <p>A request holds its permit until its response is produced (or it fails or is cancelled); the
 * time in between is the latency sample the limit adapts to.
 */
@Filter("/api/**")
public class ConcurrencyLimitFilter implements HttpServerFilter {
    static final String MESSAGE = "server overloaded, try again later";

    private final ConcurrencyLimiter limiter;

    public ConcurrencyLimitFilter(ConcurrencyLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public int getOrder() {
        // before everything that does work for the request (the auth filter has order 0)
        return ServerFilterPhase.FIRST.after();
    }

    @Override
    @SingleResult
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Optional<ConcurrencyLimiter.Permit> acquired = limiter.tryAcquire();
        if (acquired.isEmpty()) {
            return Mono.just(HttpErrors.response(DomainException.unavailable(MESSAGE, limiter.retryAfter())));
        }
        ConcurrencyLimiter.Permit permit = acquired.get();
        return Mono.from(chain.proceed(request))
                .doOnNext(response -> permit.success())
                .doFinally(signal -> permit.ignore()); // error, cancel, or empty: released without a sample
    }
}
