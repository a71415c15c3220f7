package io.community.creation.post;

import java.time.Instant;

/**
 * The hot list's order, a Reddit-style score:
 * <pre>
 *   engagement = 1 + 3·likes + 5·comments + 4·collects + 6·shares + 0.1·views
 *   hot_score  = log10(engagement) + created_epoch_seconds / 45000
 * </pre>
 * Every tenfold of engagement is worth 45000 s (12.5 h) of recency, so a newer post overtakes an
 * older one unless the older one earned ten times the engagement per 12.5 h of age. Because the
 * time part only grows with creation time, older posts decay relative to newer ones without any
 * periodic recomputation: the score changes only when a counter does ({@link #REFRESH_SQL}).
 * The weights rank deliberate actions (share, comment, collect, like) above passive views.
 *
 * <p>The recency part is fixed at creation and stored ({@code post.hot_time}); the log part is
 * recomputed in SQL from the row's current counters in a statement of its own, after the counter
 * update: MySQL/MariaDB evaluate a multi-column SET left to right with the new values, H2 with
 * the old ones, so one combined statement would give different scores on the two.
 */
public final class HotScore {
    /** Seconds of recency one decade (×10) of engagement is worth: 12.5 hours. */
    public static final double SECONDS_PER_DECADE = 45_000d;

    /** The engagement expression over the post's columns; the Java twin is {@link #engagement}. */
    public static final String ENGAGEMENT_SQL =
            "1 + 3 * like_count + 5 * comment_count + 4 * collect_count + 6 * share_count + 0.1 * view_count";

    /** Recomputes one post's score from its stored counters; the one parameter is the post id. */
    public static final String REFRESH_SQL =
            "UPDATE post SET hot_score = LOG10(" + ENGAGEMENT_SQL + ") + hot_time WHERE id = ?";

    private HotScore() {}

    /** The recency part of a post created at {@code createdAt} (microsecond precision). */
    public static double time(Instant createdAt) {
        return (createdAt.getEpochSecond() + createdAt.getNano() / 1e9) / SECONDS_PER_DECADE;
    }

    public static double engagement(long likes, long comments, long collects, long shares, long views) {
        return 1 + 3d * likes + 5d * comments + 4d * collects + 6d * shares + 0.1 * views;
    }

    public static double score(Instant createdAt, long likes, long comments, long collects, long shares, long views) {
        return Math.log10(engagement(likes, comments, collects, shares, views)) + time(createdAt);
    }
}
