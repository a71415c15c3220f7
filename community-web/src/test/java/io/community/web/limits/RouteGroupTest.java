package io.community.web.limits;

import io.micronaut.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RouteGroupTest {
    @Test
    void authRoutesThenReadsByMethodThenWrites() {
        assertThat(RouteGroup.of(HttpMethod.POST, "/api/v1/auth/login")).isEqualTo(RouteGroup.AUTH);
        assertThat(RouteGroup.of(HttpMethod.POST, "/api/v1/auth/email")).isEqualTo(RouteGroup.AUTH);
        assertThat(RouteGroup.of(HttpMethod.GET, "/api/v1/post/7")).isEqualTo(RouteGroup.READ);
        assertThat(RouteGroup.of(HttpMethod.HEAD, "/api/v1/post/7")).isEqualTo(RouteGroup.READ);
        assertThat(RouteGroup.of(HttpMethod.POST, "/api/v1/post/list")).isEqualTo(RouteGroup.WRITE);
        assertThat(RouteGroup.of(HttpMethod.DELETE, "/api/v1/post/7")).isEqualTo(RouteGroup.WRITE);
    }
}
