package io.community.common.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One blocking dependency check, bounded in time and never run twice at once: while a check is
 * still blocked (a stopped database holds it until the driver gives up), later probes wait for that
 * same check, each for at most the timeout, instead of blocking one more thread apiece.
 */
final class BoundedCheck<T> {
    private final Supplier<T> check;
    private final Executor executor;
    private CompletableFuture<T> running;

    BoundedCheck(Supplier<T> check, Executor executor) {
        this.check = check;
        this.executor = executor;
    }

    /** The running check's result, or a TimeoutException after {@code timeout}. */
    CompletableFuture<T> run(Duration timeout) {
        CompletableFuture<T> current;
        synchronized (this) {
            if (running == null || running.isDone()) {
                running = CompletableFuture.supplyAsync(check, executor);
            }
            current = running;
        }
        // a copy: timing out this probe must not end the check that later probes may still join
        return current.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
