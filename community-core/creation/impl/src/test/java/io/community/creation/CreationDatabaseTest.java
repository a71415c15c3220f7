package io.community.creation;

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
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicLong;

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
        return posts.insert(new NewPost(newId(), new PostContent(PostType.TEXT, "t", "{\"text\":\"t\"}", 0, 0, ""), T0));
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
}
