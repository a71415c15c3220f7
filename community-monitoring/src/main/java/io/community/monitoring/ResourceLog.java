package io.community.monitoring;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;

/**
 * Logs one line of resource figures every {@code community.resource-log.interval} (logger
 * {@code community.resources}, INFO): process CPU, heap used/committed/max, live and peak threads,
 * and GC count and time since the previous line. Meant for processes nobody scrapes; Prometheus
 * has the same figures as metrics.
 */
@Context
@Requires(property = "community.resource-log.interval")
public class ResourceLog {
    private static final Logger LOG = LoggerFactory.getLogger("community.resources");

    private final ScheduledFuture<?> task;
    private long lastGcCount;
    private long lastGcMillis;

    public ResourceLog(ResourceLogProperties properties, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        Duration interval = properties.interval();
        LOG.info("Resource log every {}", interval);
        this.task = scheduler.scheduleAtFixedRate(interval, interval, this::log);
    }

    /** One line, e.g. {@code cpu=3.1% heap=81/256/320MiB threads=41/45 gc=2 in 7ms}. */
    String line() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        double cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuLoad() : -1;
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long gcCount = 0;
        long gcMillis = 0;
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        for (GarbageCollectorMXBean gc : collectors) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        long count;
        long millis;
        synchronized (this) {
            count = gcCount - lastGcCount;
            millis = gcMillis - lastGcMillis;
            lastGcCount = gcCount;
            lastGcMillis = gcMillis;
        }
        return String.format(
                Locale.ROOT,
                "cpu=%s heap=%d/%d/%sMiB threads=%d/%d gc=%d in %dms",
                cpu < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", cpu * 100),
                heap.getUsed() >> 20,
                heap.getCommitted() >> 20,
                heap.getMax() < 0 ? "-" : String.valueOf(heap.getMax() >> 20),
                threads.getThreadCount(),
                threads.getPeakThreadCount(),
                count,
                millis);
    }

    private void log() {
        try {
            LOG.info("resources {}", line());
        } catch (RuntimeException e) {
            LOG.warn("Resource figures unavailable: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        task.cancel(false);
    }
}
