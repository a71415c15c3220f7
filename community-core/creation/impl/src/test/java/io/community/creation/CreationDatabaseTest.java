package io.community.creation;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.paging.PageRequest;
import io.community.creation.api.PostType;
import io.community.creation.post.PostStore;
import io.community.creation.post.PostStore.NewPost;
import io.community.creation.post.PostStore.PostContent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The creation context on a real database (subclasses say which): a started context, posts to hang
 * comments and likes on, and raw reads of columns the API does not show.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CreationDatabaseTest {
    private static final AtomicLong IDS = new AtomicLong(5_000);
    public static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    public static final PageRequest ALL = new PageRequest(0, 100);

    private final TimeZone originalZone = TimeZone.getDefault();
    protected ApplicationContext context;
    protected PostStore posts;
    protected JdbcOperations jdbc;

    protected abstract Map<String, Object> properties();

    @BeforeAll
    void startContext() {
        // a zone with DST: a store that let the driver convert through it would shift times
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        context = ApplicationContext.run(properties(), "test");
        posts = context.getBean(PostStore.class);
        jdbc = context.getBean(JdbcOperations.class);
    }

    @AfterAll
    void stopContext() {
        if (context != null) {
            context.close();
        }
        TimeZone.setDefault(originalZone);
    }

    /** A fresh user or object id; tests share one schema, so ids never repeat. */
    public static long newId() {
        return IDS.incrementAndGet();
    }

    protected long newPost() {
        return posts.insert(
                new NewPost(newId(), new PostContent(PostType.TEXT, "t", "{\"text\":\"t\"}", 0, 0, ""), T0));
    }

    /** The first column of the first row, e.g. a counter the API does not show as stored. */
    protected long raw(String sql, long... params) {
        return jdbc.execute(connection -> {
            try (PreparedStatement s = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    s.setLong(i + 1, params[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** One of the concurrent calls; {@code i} tells them apart. */
    public interface Task {
        Object run(int i) throws Exception;
    }

    /** Starts all calls at once and waits for them; a failed call surfaces as its ExecutionException. */
    public static List<Object> runConcurrently(int threads, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                int n = i;
                Callable<Object> call = () -> {
                    go.await();
                    return task.run(n);
                };
                futures.add(pool.submit(call));
            }
            go.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    public static void assertNotFound(Runnable call) {
        try {
            call.run();
        } catch (DomainException e) {
            assertThat(e.reason()).isEqualTo(ErrorReason.NOT_FOUND);
            return;
        }
        throw new AssertionError("expected 404");
    }
}
