package io.community.cluster.gateway;

import io.community.common.mail.MailSender;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway owns no data and sends no mail. Operators often give every process of a deployment
 * the same environment; DATASOURCES_* or an SMTP sink in it must not make the gateway open (or
 * fail to open) a pool, or demand SMTP settings.
 */
class ServiceSettingsTest {

    @Test
    void noPoolNoMigrationsNoDataRuntimeOnTheClasspath() {
        for (String name : List.of(
                "com.zaxxer.hikari.HikariDataSource",
                "org.flywaydb.core.Flyway",
                "io.micronaut.data.jdbc.runtime.JdbcOperations")) {
            assertThatThrownBy(() -> Class.forName(name)).as(name).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void databaseAndMailSettingsInTheEnvironmentAreIgnored() {
        try (ApplicationContext context = ApplicationContext.run(
                Map.of(
                        // nothing listens there: a pool (or migrations) would fail the start
                        "datasources.default.url", "jdbc:mariadb://127.0.0.1:1/community",
                        "datasources.default.username", "root",
                        "community.mail.sink", "smtp", // and no host
                        "community.backends.user", "127.0.0.1:1",
                        "community.backends.relation", "127.0.0.1:2",
                        "community.backends.creation", "127.0.0.1:3",
                        "micronaut.health.monitor.enabled", "false"),
                "test")) {
            assertThat(context.isRunning()).isTrue();
            assertThat(context.getBeansOfType(DataSource.class)).isEmpty();
            assertThat(context.getActiveBeanRegistrations(MailSender.class)).isEmpty();
        }
    }

    @Test
    void redisInTheEnvironmentLeavesTheBackendsTheirOwnBreakers() {
        // the cache brings a breaker registry of its own; the backends' must stay the one injected
        try (ApplicationContext context = ApplicationContext.run(
                Map.of(
                        "redis.uri", "redis://127.0.0.1:1",
                        "community.backends.user", "127.0.0.1:1",
                        "community.backends.relation", "127.0.0.1:2",
                        "community.backends.creation", "127.0.0.1:3",
                        "micronaut.health.monitor.enabled", "false"),
                "test")) {
            assertThat(context.isRunning()).isTrue();
            assertThat(context.getBean(io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry.class)
                            .getAllCircuitBreakers())
                    .extracting(b -> b.getName())
                    .contains("user", "relation", "creation");
        }
    }
}
