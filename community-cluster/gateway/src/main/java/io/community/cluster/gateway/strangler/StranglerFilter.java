package io.community.cluster.gateway.strangler;

import io.community.common.error.DomainException;
import io.community.common.observability.RequestIds;
import io.community.web.auth.ClientAddress;
import io.community.web.envelope.HttpErrors;
import io.community.web.ops.RequestObservationFilter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.async.annotation.SingleResult;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import jakarta.inject.Named;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Strangler routing at the gateway's HTTP entry: per context of the path ({@link ApiContext}), a write
 * to a frozen context answers 503 (10013) with {@code Retry-After}; otherwise the request goes on to
 * community-web and the gRPC services, or is proxied as it is to the monolith. It runs before
 * authentication: a proxied request keeps its {@code Authorization} header and the monolith checks
 * the token itself (same JWT secret, same sessions). Clients see the monolith's own status, headers
 * and body; only {@code X-Request-Id} and {@code X-Trace-Id} are the gateway's (the monolith gets the
 * request id, so both logs carry it), and {@code X-Forwarded-For} names the client as the gateway
 * resolved it.
 */
@Filter("/api/**")
public class StranglerFilter implements HttpServerFilter {
    private static final Logger LOG = LoggerFactory.getLogger(StranglerFilter.class);
    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final StranglerTable table;
    private final ProxyHttpClient monolith;
    private final URI monolithUri;
    private final ClientAddress clientAddress;
    private final Duration retryAfter;
    private final Map<ApiContext, Counter> proxied = new EnumMap<>(ApiContext.class);
    private final Map<ApiContext, Counter> refused = new EnumMap<>(ApiContext.class);

    public StranglerFilter(
            StranglerTable table,
            @Named("monolith") Optional<ProxyHttpClient> monolith,
            StranglerProperties properties,
            ClientAddress clientAddress,
            MeterRegistry meters) {
        this.table = table;
        this.monolith = monolith.orElse(null);
        this.monolithUri = this.monolith == null ? null : URI.create(properties.getMonolithUrl());
        this.clientAddress = clientAddress;
        this.retryAfter = properties.getRetryAfter();
        for (ApiContext c : ApiContext.values()) {
            proxied.put(
                    c,
                    Counter.builder("community.strangler.proxied")
                            .description("requests the gateway proxied to the monolith")
                            .tag("context", c.id())
                            .register(meters));
            refused.put(
                    c,
                    Counter.builder("community.strangler.frozen.writes")
                            .description("writes refused (503) because their context is frozen")
                            .tag("context", c.id())
                            .register(meters));
            meters.gauge(
                    "community.strangler.route.monolith",
                    io.micrometer.core.instrument.Tags.of("context", c.id()),
                    table,
                    t -> t.route(c) == Route.MONOLITH ? 1 : 0);
            meters.gauge(
                    "community.strangler.frozen",
                    io.micrometer.core.instrument.Tags.of("context", c.id()),
                    table,
                    t -> t.frozen(c) ? 1 : 0);
        }
    }

    @Override
    public int getOrder() {
        // after the request id and access log (RequestObservationFilter), before authentication and body checks
        return ServerFilterPhase.TRACING.after() + 10;
    }

    @Override
    @SingleResult
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Optional<ApiContext> owner = ApiContext.ofPath(request.getPath());
        if (owner.isEmpty()) {
            return chain.proceed(request);
        }
        ApiContext context = owner.get();
        if (table.frozen(context) && ApiContext.isWrite(request.getMethod(), request.getPath())) {
            refused.get(context).increment();
            return Mono.just(HttpErrors.response(DomainException.unavailable(
                    "writes of the " + context.id() + " context are paused while its data moves; retry later",
                    retryAfter)));
        }
        if (table.route(context) != Route.MONOLITH || monolith == null) {
            return chain.proceed(request);
        }
        proxied.get(context).increment();
        Mono<MutableHttpResponse<?>> answer = Mono.from(monolith.proxy(toMonolith(request)))
                .map(response -> {
                    // the gateway's observation filter answers its own ids
                    response.getHeaders().remove(RequestIds.HEADER);
                    response.getHeaders().remove(RequestObservationFilter.TRACE_HEADER);
                    return (MutableHttpResponse<?>) response;
                });
        return answer.onErrorResume(e -> {
            LOG.warn("Proxying {} {} to the monolith failed: {}", request.getMethod(), request.getPath(), e.toString());
            return Mono.just(HttpErrors.response(DomainException.unavailable(
                    "the monolith serving the " + context.id() + " context is unreachable", Duration.ofSeconds(1))));
        });
    }

    private MutableHttpRequest<?> toMonolith(HttpRequest<?> request) {
        String base = monolithUri.getPath() == null ? "" : monolithUri.getPath().replaceAll("/+$", "");
        MutableHttpRequest<?> out = request.mutate()
                .uri(b -> b.scheme(monolithUri.getScheme())
                        .host(monolithUri.getHost())
                        .port(monolithUri.getPort())
                        .replacePath(base + request.getPath()));
        out.getHeaders().set(FORWARDED_FOR, clientAddress.of(request));
        String requestId = MDC.get(RequestIds.MDC_KEY);
        if (requestId != null) {
            out.getHeaders().set(RequestIds.HEADER, requestId);
        }
        return out;
    }
}
