package io.community.single.seed;

import io.community.common.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed command on a MariaDB database: what it reports is what the tables hold, and a second run adds as much again. */
class SeedCommandIT {
    private static final Pattern DONE = Pattern.compile("seed: done, run r(\\d+): (.*)");

    @Test
    void seedsThroughTheUseCasesAndCanRunAgainOnASeededDatabase() throws Exception {
        Map<String, Object> db = TestServices.mariaDbProperties("community_test_seed");
        String url = (String) db.get("datasources.default.url");

        String first = seed(db, "--users", "12", "--seed", "7");
        Matcher m1 = done(first);
        assertThat(m1.group(1)).isEqualTo("1");
        assertThat(first).contains("seed: users 12/12");
        Map<String, Long> afterFirst = counts(url);
        assertThat(afterFirst.get("users")).isEqualTo(12);
        assertThat(afterFirst.get("sessions")).isEqualTo(12);
        assertThat(afterFirst.get("text") + afterFirst.get("image") + afterFirst.get("video"))
                .isPositive();
        // each number the command reports is what the tables hold
        String report = m1.group(2);
        assertThat(report)
                .contains(
                        afterFirst.get("users") + " users",
                        afterFirst.get("follows") + " follows",
                        afterFirst.get("text") + " text",
                        afterFirst.get("image") + " image",
                        afterFirst.get("video") + " video",
                        afterFirst.get("comments") + " comments",
                        afterFirst.get("replies") + " replies",
                        afterFirst.get("postLikes") + " post likes",
                        afterFirst.get("commentLikes") + " comment likes",
                        afterFirst.get("collects") + " collects");
        // the counters the use cases keep agree with the rows
        assertThat(afterFirst.get("followingNum")).isEqualTo(afterFirst.get("follows"));
        assertThat(afterFirst.get("commentCount")).isEqualTo(afterFirst.get("comments") + afterFirst.get("replies"));
        assertThat(afterFirst.get("likeCount")).isEqualTo(afterFirst.get("postLikes"));

        // same arguments on the seeded database: a second namespace of the same shape, no failure
        String second = seed(db, "--users", "12", "--seed", "7");
        Matcher m2 = done(second);
        assertThat(m2.group(1)).isEqualTo("2");
        assertThat(m2.group(2)).isEqualTo(report);
        Map<String, Long> afterSecond = counts(url);
        afterFirst.forEach(
                (what, n) -> assertThat(afterSecond.get(what)).as(what).isEqualTo(2 * n));
    }

    @Test
    void badArgumentsExitWithTwoAndAMessage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = SeedCommand.run(
                new String[] {"--users", "many"}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--users must be a number");
    }

    private static String seed(Map<String, Object> properties, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = SeedCommand.run(args, properties, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(text).isZero();
        return text;
    }

    private static Matcher done(String output) {
        Matcher m = DONE.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return m;
    }

    private static Map<String, Long> counts(String url) throws Exception {
        Map<String, String> queries = Map.ofEntries(
                Map.entry("users", "SELECT COUNT(*) FROM `user` WHERE email LIKE 'seed7.r%'"),
                Map.entry("sessions", "SELECT COUNT(*) FROM user_session"),
                Map.entry("follows", "SELECT COUNT(*) FROM user_following"),
                Map.entry("followingNum", "SELECT COALESCE(SUM(following_num), 0) FROM relation_num"),
                Map.entry("text", "SELECT COUNT(*) FROM post WHERE post_type = 1"),
                Map.entry("image", "SELECT COUNT(*) FROM post WHERE post_type = 2"),
                Map.entry("video", "SELECT COUNT(*) FROM post WHERE post_type = 3"),
                Map.entry("comments", "SELECT COUNT(*) FROM `comment` WHERE parent_id = 0"),
                Map.entry("replies", "SELECT COUNT(*) FROM `comment` WHERE parent_id <> 0"),
                Map.entry("commentCount", "SELECT COALESCE(SUM(comment_count), 0) FROM post"),
                Map.entry("postLikes", "SELECT COUNT(*) FROM user_like WHERE obj_type = 1 AND status = 1"),
                Map.entry("likeCount", "SELECT COALESCE(SUM(like_count), 0) FROM post"),
                Map.entry("commentLikes", "SELECT COUNT(*) FROM user_like WHERE obj_type = 2 AND status = 1"),
                Map.entry("collects", "SELECT COUNT(*) FROM user_collect WHERE status = 1"));
        Map<String, Long> counts = new HashMap<>();
        try (Connection c =
                        DriverManager.getConnection(url, TestServices.mariaDbUser(), TestServices.mariaDbPassword());
                Statement s = c.createStatement()) {
            for (var q : queries.entrySet()) {
                try (ResultSet rs = s.executeQuery(q.getValue())) {
                    rs.next();
                    counts.put(q.getKey(), rs.getLong(1));
                }
            }
        }
        return counts;
    }
}
