package io.community.creation.comment;

import java.time.Instant;

/**
 * The order of a post's hot comments, a Reddit-style score:
 * <pre>
 *   score = log10(1 + 2·likes + 3·replies) + created_epoch_seconds / 45000
 * </pre>
 * Every tenfold of engagement is worth 45000 s (12.5 h) of recency; replies weigh more than
 * likes because they are the conversation a reader opens the comments for. The time part only
 * grows with creation time, so older comments sink relative to newer ones without any periodic
 * job: the score changes only when a counter does ({@link #REFRESH_SQL}).
 *
 * <p>The recency part is fixed at creation and stored ({@code comment.hot_time}); the log part is
 * recomputed in SQL from the row's current counters in a statement of its own, after the counter
 * update: MySQL/MariaDB evaluate a multi-column SET left to right with the new values, H2 with
 * the old ones, so one combined statement would give different scores on the two.
 */
public final class CommentScore {
    /** Seconds of recency one decade (×10) of engagement is worth: 12.5 hours. */
    public static final double SECONDS_PER_DECADE = 45_000d;

    /** Recomputes one comment's score from its stored counters; the one parameter is the comment id. */
    public static final String REFRESH_SQL =
            "UPDATE `comment` SET score = LOG10(1 + 2 * like_count + 3 * reply_count) + hot_time WHERE id = ?";

    private CommentScore() {}

    /** The recency part of a comment created at {@code createdAt} (microsecond precision). */
    public static double time(Instant createdAt) {
        return (createdAt.getEpochSecond() + createdAt.getNano() / 1e9) / SECONDS_PER_DECADE;
    }

    public static double score(Instant createdAt, long likes, long replies) {
        return Math.log10(1 + 2d * likes + 3d * replies) + time(createdAt);
    }
}
