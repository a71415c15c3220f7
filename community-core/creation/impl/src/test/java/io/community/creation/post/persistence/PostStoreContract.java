package io.community.creation.post.persistence;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.PostCounters;
import io.community.creation.PostCounters.Counter;
import io.community.creation.api.DelFlag;
import io.community.creation.api.Post;
import io.community.creation.api.PostType;
import io.community.creation.post.HotScore;
import io.community.creation.post.PostStore;
import io.community.creation.post.PostStore.NewPost;
import io.community.creation.post.PostStore.PostContent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link JdbcPostStore} and {@link io.community.creation.post.JdbcPostCounters} on a real
 * database; subclasses say which. Each test uses its own user ids (lists are per user) or
 * compares relative order only, so tests share one schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PostStoreContract {
    private static final AtomicLong USERS = new AtomicLong(1_000);
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");

    private final TimeZone originalZone = TimeZone.getDefault();
    ApplicationContext context;
    PostStore store;
    PostCounters counters;
    JdbcOperations jdbc;

    abstract Map<String, Object> properties();

    @BeforeAll
    void start() {
        // a zone with DST: a store that let the driver convert through it would shift times
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        context = ApplicationContext.run(properties(), "test");
        store = context.getBean(PostStore.class);
        counters = context.getBean(PostCounters.class);
        jdbc = context.getBean(JdbcOperations.class);
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
        TimeZone.setDefault(originalZone);
    }

    static long newUser() {
        return USERS.incrementAndGet();
    }

    static PostContent text(String title) {
        return new PostContent(PostType.TEXT, title, "{\"text\":\"t\"}", 0, 0, "");
    }

    long insert(long userId, String title, Instant at) {
        return store.insert(new NewPost(userId, text(title), at));
    }

    @Test
    void insertsAndReadsBackEveryField() {
        long user = newUser();
        String title = "Emoji \uD83D\uDE00\uD83C\uDF89 \uD842\uDFB7 title"; // 4-byte characters
        String content = "{\"text\":\"caf\u00e9 \uD83E\uDD84\",\"pic\":[\"a.png\",\"b.png\"]}";
        Instant gap = Instant.parse("2024-03-31T02:30:00.123456Z"); // inside Berlin's spring gap
        long id = store.insert(new NewPost(
                user, new PostContent(PostType.IMAGE, title, content, -179.5, 89.25, "Berlin, Alexanderplatz"), gap));

        Post post = store.findLive(id).orElseThrow();
        assertThat(post)
                .isEqualTo(new Post(
                        id,
                        PostType.IMAGE,
                        user,
                        title,
                        content,
                        0,
                        0,
                        0,
                        0,
                        0,
                        DelFlag.NONE,
                        1,
                        -179.5,
                        89.25,
                        "Berlin, Alexanderplatz",
                        gap,
                        gap));
        assertThat(store.liveOwner(id)).contains(user);
        assertThat(counters.findLive(id)).contains(new PostCounters.PostRef(id, user));
        assertThat(rawString("SELECT CAST(created_at AS CHAR(26)) FROM post WHERE id = " + id))
                .isEqualTo("2024-03-31 02:30:00.123456");
        assertThat(rawDouble("SELECT hot_score FROM post WHERE id = " + id))
                .isCloseTo(HotScore.score(gap, 0, 0, 0, 0, 0), within(1e-9));
        assertThat(store.findLive(Long.MAX_VALUE)).isEmpty();
        assertThat(counters.findLive(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void theLongestTitleAndPositionTheServiceAllowsFitInEmojiToo() {
        // the service counts characters (250 and 100); H2 counts UTF-16 units, two per emoji
        String title = "\uD83D\uDE00".repeat(250);
        String position = "\uD83C\uDF89".repeat(100);
        long id = store.insert(new NewPost(
                newUser(),
                new PostContent(PostType.TEXT, title, "{\"text\":\"t\"}", 0, 0, position),
                Instant.parse("2026-01-01T00:00:00Z")));
        Post post = store.findLive(id).orElseThrow();
        assertThat(post.title()).isEqualTo(title);
        assertThat(post.position()).isEqualTo(position);
    }

    @Test
    void updateReplacesTypeAndContentOfALivePostOnly() {
        long user = newUser();
        long id = store.insert(new NewPost(
                user,
                new PostContent(
                        PostType.VIDEO, "video", "{\"text\":\"\",\"video\":{\"video_url\":\"v.mp4\"}}", 1, 2, "here"),
                T0));
        Instant later = T0.plusSeconds(90).plusNanos(1_000);

        assertThat(store.update(
                        id, new PostContent(PostType.TEXT, "now text", "{\"text\":\"plain\"}", 0, 0, ""), later))
                .isTrue();

        Post post = store.findLive(id).orElseThrow();
        assertThat(post.postType()).isEqualTo(PostType.TEXT);
        assertThat(post.title()).isEqualTo("now text");
        assertThat(post.content()).isEqualTo("{\"text\":\"plain\"}");
        assertThat(post.position()).isEmpty();
        assertThat(post.createdAt()).isEqualTo(T0);
        assertThat(post.updatedAt()).isEqualTo(later);
        assertThat(store.update(Long.MAX_VALUE, text("x"), later)).isFalse();
    }

    @Test
    void softDeleteHidesThePostFromEveryRead() {
        long user = newUser();
        long kept = insert(user, "kept", T0);
        long gone = insert(user, "gone", T0.plusSeconds(1));

        assertThat(store.softDelete(gone, DelFlag.BY_ADMIN, T0.plusSeconds(5))).isTrue();

        assertThat(store.softDelete(gone, DelFlag.BY_OWNER, T0.plusSeconds(6))).isFalse();
        assertThat(store.findLive(gone)).isEmpty();
        assertThat(store.liveOwner(gone)).isEmpty();
        assertThat(counters.findLive(gone)).isEmpty();
        assertThat(store.findLive(List.of(gone, kept))).extracting(Post::id).containsExactly(kept);
        assertThat(store.byUsers(List.of(user), new PageRequest(0, 10)).items())
                .extracting(Post::id)
                .containsExactly(kept);
        assertThat(store.byUsers(List.of(user), new PageRequest(0, 10)).total()).isEqualTo(1);
        assertThat(ids(store.latest(new PageRequest(0, 100)))).doesNotContain(gone);
        assertThat(ids(store.hot(new PageRequest(0, 100)))).doesNotContain(gone);
        assertThat(store.update(gone, text("again"), T0)).isFalse();
        assertThat(store.addCounter(gone, Counter.VIEW, 1, true)).isFalse();
        assertThat(rawString("SELECT CONCAT(del_flag, '|', CAST(deleted_at AS CHAR(26))) FROM post WHERE id = " + gone))
                .isEqualTo("2|2026-01-02 03:04:10.123456");
    }

    @Test
    void listsAreNewestFirstWithIdAsTieBreakerAndPage() {
        long a = newUser();
        long b = newUser();
        Instant base = Instant.parse("2030-01-01T00:00:00Z"); // later than other tests' posts
        long a1 = insert(a, "a1", base);
        long b1 = insert(b, "b1", base); // same time as a1: the higher id first
        long a2 = insert(a, "a2", base.plusMillis(1));
        long other = insert(newUser(), "other", base.minusSeconds(1));

        Page<Post> both = store.byUsers(List.of(b, a, a), new PageRequest(0, 2));
        assertThat(ids(both)).containsExactly(a2, b1);
        assertThat(both.total()).isEqualTo(3);
        assertThat(ids(store.byUsers(List.of(a, b), new PageRequest(1, 2)))).containsExactly(a1);
        assertThat(store.byUsers(List.of(a, b), new PageRequest(5, 2)).items()).isEmpty();
        assertThat(store.byUsers(List.of(a, b), new PageRequest(5, 2)).total()).isEqualTo(3);
        assertThat(ids(store.byUsers(List.of(a), new PageRequest(0, 10)))).containsExactly(a2, a1);
        assertThat(store.byUsers(List.of(), new PageRequest(0, 10))).isEqualTo(new Page<Post>(List.of(), 0));
        assertThat(ids(store.latest(new PageRequest(0, 4)))).containsExactly(a2, b1, a1, other);
    }

    @Test
    void countersNeverGoBelowZeroAndRefreshTheHotScore() {
        long id = insert(newUser(), "counted", T0);

        counters.add(id, Counter.LIKE, 2);
        counters.add(id, Counter.COMMENT, 3);
        counters.add(id, Counter.COLLECT, 1);
        counters.add(id, Counter.SHARE, 4);
        counters.add(id, Counter.VIEW, 25);
        counters.add(id, Counter.LIKE, -5);

        Post post = store.findLive(id).orElseThrow();
        assertThat(List.of(
                        post.likeCount(),
                        post.commentCount(),
                        post.collectCount(),
                        post.shareCount(),
                        post.viewCount()))
                .containsExactly(0L, 3L, 1L, 4L, 25L);
        assertThat(rawLong("SELECT MIN(LEAST(view_count, like_count, comment_count, collect_count, share_count))"
                        + " FROM post"))
                .isGreaterThanOrEqualTo(0);
        assertThat(rawDouble("SELECT hot_score FROM post WHERE id = " + id))
                .isCloseTo(HotScore.score(T0, 0, 3, 1, 4, 25), within(1e-9));

        // deleted posts still take counts back (a like removed after the post's deletion)
        store.softDelete(id, DelFlag.BY_OWNER, T0);
        counters.add(id, Counter.COMMENT, -1);
        assertThat(rawLong("SELECT comment_count FROM post WHERE id = " + id)).isEqualTo(2);
        // an absent post is no error
        counters.add(Long.MAX_VALUE, Counter.LIKE, 1);
    }

    @Test
    void concurrentCounterChangesAllCount() throws Exception {
        long id = insert(newUser(), "busy", T0);
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> {
                    go.await();
                    counters.add(id, Counter.LIKE, 1);
                    counters.add(id, Counter.SHARE, 1);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Post post = store.findLive(id).orElseThrow();
        assertThat(post.likeCount()).isEqualTo(threads);
        assertThat(post.shareCount()).isEqualTo(threads);
        assertThat(rawDouble("SELECT hot_score FROM post WHERE id = " + id))
                .isCloseTo(HotScore.score(T0, threads, 0, 0, threads, 0), within(1e-9));
    }

    @Test
    void hotListFollowsTheFormula() {
        Instant base = Instant.parse("2031-01-01T00:00:00Z"); // newer than every other test's posts
        long old = insert(newUser(), "old but busy", base);
        long newer = insert(newUser(), "newer, quiet", base.plusSeconds(3600));
        long newest = insert(newUser(), "newest, quiet", base.plusSeconds(7200));
        long twin = insert(newUser(), "same time as newest, quiet", base.plusSeconds(7200));
        // engagement 1 + 3*30 = 91: log10 ≈ 1.96, worth ≈ 24.5 h of recency, so it beats posts 1–2 h newer
        counters.add(old, Counter.LIKE, 30);

        List<Long> hot = ids(store.hot(new PageRequest(0, 4)));
        assertThat(hot).containsExactly(old, twin, newest, newer);
        assertThat(ids(store.latest(new PageRequest(0, 4)))).containsExactly(twin, newest, newer, old);

        // a share outweighs the time difference of an hour (1 h ≈ 0.08, log10(7) ≈ 0.85)
        counters.add(newer, Counter.SHARE, 1);
        assertThat(ids(store.hot(new PageRequest(0, 4)))).containsExactly(old, newer, twin, newest);
    }

    static List<Long> ids(Page<Post> page) {
        return page.items().stream().map(Post::id).toList();
    }

    long rawLong(String sql) {
        return jdbc.execute(c -> {
            try (var s = c.prepareStatement(sql);
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    double rawDouble(String sql) {
        return jdbc.execute(c -> {
            try (var s = c.prepareStatement(sql);
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        });
    }

    String rawString(String sql) {
        return jdbc.execute(c -> {
            try (var s = c.prepareStatement(sql);
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
