package io.community.web.json;

import io.micronaut.core.annotation.Order;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.web.router.RouteMatch;

/**
 * A body without a Content-Type on an endpoint that reads a JSON body is 415, as a wrong
 * Content-Type already is: Micronaut would otherwise guess JSON. Requests without a body (a
 * logout with nothing to say) are left alone.
 *
 * <p>Runs before {@code AuthFilter}: a body the server will not read is refused before the
 * session lookup.
 */
@ServerFilter("/api/**")
@Order(-100)
public class JsonContentTypeFilter {

    @RequestFilter
    public void requireContentType(HttpRequest<?> request) {
        if (request.getContentType().isPresent() || !hasBody(request) || !readsBody(request)) {
            return;
        }
        throw new HttpStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
    }

    private static boolean hasBody(HttpRequest<?> request) {
        return request.getContentLength() > 0 || request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private static boolean readsBody(HttpRequest<?> request) {
        return BasicHttpAttributes.getRouteMatchInfo(request)
                .filter(RouteMatch.class::isInstance)
                .map(m -> ((RouteMatch<?>) m).getRouteInfo().getBodyArgument().isPresent())
                .orElse(false);
    }
}
