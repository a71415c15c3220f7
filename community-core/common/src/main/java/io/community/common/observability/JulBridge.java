package io.community.common.observability;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes java.util.logging (used by the OpenTelemetry SDK, e.g. "Failed to export spans") into
 * SLF4J at startup, so those lines get the same format — JSON included — as every other line.
 * logback.xml's {@code LevelChangePropagator} keeps JUL's levels in step, so disabled levels stay cheap.
 */
@Context
public class JulBridge {

    @PostConstruct
    void install() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
