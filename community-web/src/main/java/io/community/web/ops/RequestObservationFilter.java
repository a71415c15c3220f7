package io.community.web.ops;

import io.community.common.observability.RequestIds;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.async.annotation.SingleResult;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteInfo;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * Per HTTP request, just inside the tracing filter (so the server span is current): takes or makes
 * the request id ({@link RequestIds}), puts it in the MDC of everything the request logs and in the
 * gRPC metadata of the gateway's calls, answers it as {@code X-Request-Id} along with the trace id
 * ({@code X-Trace-Id}), and writes one access line: method, route template, status, duration.
 * Headers and bodies are never logged.
 */
@Filter("/**")
public class RequestObservationFilter implements HttpServerFilter {
    public static final String TRACE_HEADER = "X-Trace-Id";
    /** The access log; set it to WARN to silence it. */
    private static final Logger ACCESS = LoggerFactory.getLogger("io.community.access.http");

    @Override
    public int getOrder() {
        return ServerFilterPhase.TRACING.after();
    }

    @Override
    @SingleResult
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        long start = System.nanoTime();
        String requestId = RequestIds.acceptOrGenerate(request.getHeaders().get(RequestIds.HEADER));
        Context context = Context.current();
        Span span = Span.fromContext(context);
        SpanContext spanContext = span.getSpanContext();
        if (span.isRecording()) {
            span.setAttribute("request.id", requestId);
        }
        try (PropagatedContext.Scope ignored = PropagatedContext.getOrEmpty()
                .plus(new MdcPropagationContext(Map.of(RequestIds.MDC_KEY, requestId)))
                .propagate()) {
            return Mono.from(chain.proceed(request))
                    .doOnNext(response -> {
                        response.header(RequestIds.HEADER, requestId);
                        if (spanContext.isValid()) {
                            response.header(TRACE_HEADER, spanContext.getTraceId());
                        }
                        access(request, response.code(), start, requestId, context);
                    })
                    .doOnError(e -> access(request, 500, start, requestId, context));
        }
    }

    private static void access(HttpRequest<?> request, int status, long start, String requestId, Context context) {
        if (!ACCESS.isInfoEnabled()) {
            return;
        }
        String route = RouteAttributes.getRouteInfo(request)
                .filter(UriRouteInfo.class::isInstance)
                .map(info -> ((UriRouteInfo<?, ?>) info).getUriMatchTemplate().toPathString())
                .orElse("(no route)");
        long millis = (System.nanoTime() - start) / 1_000_000;
        // the response may complete on another thread: log with the request's span and id explicitly
        try (Scope ignored = context.makeCurrent();
                MDC.MDCCloseable id = MDC.putCloseable(RequestIds.MDC_KEY, requestId)) {
            ACCESS.info("{} {} {} {}ms", request.getMethodName(), route, status, millis);
        }
    }
}
