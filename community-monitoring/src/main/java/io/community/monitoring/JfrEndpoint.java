package io.community.monitoring;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.annotation.Read;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * {@code GET /jfr?seconds=N}: records a Java Flight Recording of this process for N seconds (1–60,
 * default 10) with the JDK's "profile" settings and answers with the {@code .jfr} file (open it in
 * JDK Mission Control, or {@code jfr print}). One recording at a time; a second request meanwhile
 * gets 409.
 *
 * <p>Off and sensitive by default, like every management endpoint here: switch it on only where the
 * management port is not reachable from outside ({@code endpoints.jfr.enabled=true},
 * {@code endpoints.jfr.sensitive=false}).
 */
@Endpoint(id = "jfr", defaultEnabled = false, defaultSensitive = true)
public class JfrEndpoint {
    static final int MIN_SECONDS = 1;
    static final int MAX_SECONDS = 60;
    static final int DEFAULT_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(JfrEndpoint.class);

    private final Semaphore oneAtATime = new Semaphore(1);

    @Read(produces = MediaType.APPLICATION_OCTET_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING) // sleeps for the recording's length: never on an event loop
    public HttpResponse<?> record(@Nullable Integer seconds) {
        int length = seconds == null ? DEFAULT_SECONDS : seconds;
        if (length < MIN_SECONDS || length > MAX_SECONDS) {
            return HttpResponse.badRequest("seconds must be between " + MIN_SECONDS + " and " + MAX_SECONDS)
                    .contentType(MediaType.TEXT_PLAIN_TYPE);
        }
        if (!oneAtATime.tryAcquire()) {
            return HttpResponse.status(HttpStatus.CONFLICT)
                    .body("a recording is already running")
                    .contentType(MediaType.TEXT_PLAIN_TYPE);
        }
        try {
            byte[] file = record(Duration.ofSeconds(length));
            return HttpResponse.ok(file)
                    .contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"recording-" + length + "s.jfr\"");
        } finally {
            oneAtATime.release();
        }
    }

    private static byte[] record(Duration length) {
        Path file = null;
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            file = Files.createTempFile("community-", ".jfr");
            recording.setName("community-endpoint");
            recording.setToDisk(true);
            LOG.info("JFR recording for {} s started", length.toSeconds());
            recording.start();
            Thread.sleep(length.toMillis());
            recording.stop();
            recording.dump(file);
            byte[] bytes = Files.readAllBytes(file);
            LOG.info("JFR recording done: {} bytes", bytes.length);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("JFR recording failed", e);
        } catch (ParseException e) {
            throw new IllegalStateException("the JDK's 'profile' JFR settings cannot be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("JFR recording interrupted", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warn("Cannot delete {}: {}", file, e.toString());
                }
            }
        }
    }
}
