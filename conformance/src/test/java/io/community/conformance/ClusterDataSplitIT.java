package io.community.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.community.conformance.Deployment.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data move of the migration, end to end: a monolith filled by its seed command (users with
 * sessions, follows, posts of the three kinds, comments and replies, likes, collects), split by
 * the migrate tool into three databases and verified; then the three services and the gateway on
 * those databases must answer every read endpoint exactly as the monolith does — ids, counts and
 * times included, nothing masked — to tokens issued by the monolith. And the tool's guarantees:
 * verify sees a row changed after the copy, a split interrupted and run again ends in the same
 * data, a dry run changes nothing, and differing schema versions are refused.
 *
 * <p>Named Cluster*: runs once, in the cluster execution, since it starts both deployments itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterDataSplitIT {
    private static final String NAME = "community_test_split";
    private static final int USERS = 16;
    private static final String SEED = "11";
    private static final String PASSWORD = "seed-password";
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Long, String> tokens = new LinkedHashMap<>();
    private Deployment monolith;
    private Deployment cluster;
    private String adminToken;
    private Map<Context, String> split;

    @BeforeAll
    void fill() {
        monolith = Deployment.monolith(NAME + "_m", Map.of());
        Tool.Result seeded = monolith.runMonolithCommand(
                "seed", List.of("seed", "--users", String.valueOf(USERS), "--seed", SEED, "--password", PASSWORD));
        assertThat(seeded.exitCode()).as(seeded.output()).isZero();
        assertThat(seeded.output()).contains("seed: users " + USERS + "/" + USERS, "seed: done, run r1");

        // sessions opened on the monolith, before the move: each must still work through the gateway
        Api api = new Api(monolith.baseUri(), json);
        for (int i = 0; i < USERS; i++) {
            Api.Answer login = api.post(
                    "/api/v1/auth/login",
                    null,
                    Map.of("email", "seed" + SEED + ".r1.u" + i + "@example.org", "password", PASSWORD));
            assertThat(login.status()).as(login.raw()).isEqualTo(200);
            tokens.put(login.dataLong("id"), login.dataString("token"));
        }
        api.post("/api/v1/auth/email", null, Map.of("email", Deployment.ADMIN_EMAIL));
        api.post(
                "/api/v1/auth/register",
                null,
                Map.of(
                        "email",
                        Deployment.ADMIN_EMAIL,
                        "emailCode",
                        TestMailServer.lastCodeFor(Deployment.ADMIN_EMAIL),
                        "password",
                        "password-admin"));
        adminToken = api.post(
                        "/api/v1/auth/login",
                        null,
                        Map.of("email", Deployment.ADMIN_EMAIL, "password", "password-admin"))
                .dataString("token");
        assertThat(adminToken).isNotNull();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (monolith != null) {
            monolith.close();
        }
    }

    @Test
    @Order(1)
    void splitThenVerify() {
        split = freshTargets("s");
        Tool.Result result = migrate("split", split, List.of("split", "--batch-size", "50"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("creating the schema", "split: done");
        Tool.Result verified = migrate("verify", split, List.of("verify"));
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output())
                .contains(
                        "verify: creation.post: same",
                        "verify: user.user_session: same",
                        "verify: relation.user_following: same",
                        "verify: every table is the same");
    }

    @Test
    @Order(2)
    void theClusterOnTheSplitDataAnswersEveryReadLikeTheMonolith() throws SQLException {
        assertThat(split).as("split ran").isNotNull();
        cluster = Deployment.clusterOn(NAME + "_c", split, Map.of());
        Api fromMonolith = new Api(monolith.baseUri(), json);
        Api fromGateway = new Api(cluster.baseUri(), json);

        List<Long> users = ids("SELECT id FROM `user` WHERE email LIKE 'seed" + SEED + ".r1.%' ORDER BY id");
        List<Long> posts = ids("SELECT id FROM post ORDER BY id");
        List<Long> topComments = ids("SELECT id FROM `comment` WHERE parent_id = 0 ORDER BY id");
        List<Long> allComments = ids("SELECT id FROM `comment` ORDER BY id");
        assertThat(users).hasSize(USERS);
        assertThat(posts).isNotEmpty();
        assertThat(topComments).isNotEmpty();
        long me = users.get(0);
        String token = tokens.get(me);

        List<Read> reads = new ArrayList<>();
        reads.add(Read.get("/codes", null));
        reads.add(Read.post(
                "/api/v1/user/list", adminToken, Map.of("params", Map.of("page", 0, "limit", 100, "sort", "id"))));
        reads.add(Read.post("/api/v1/relation/check/list", token, Map.of("uids", users)));
        for (long user : users) {
            String own = tokens.get(user);
            reads.add(Read.get("/api/v1/user/" + user, own));
            reads.add(Read.get("/api/v1/user/" + user, token));
            reads.add(Read.get("/api/v1/relation/following/list?userId=" + user + "&page=0&limit=100", token));
            reads.add(Read.get("/api/v1/relation/follower/list?userId=" + user + "&page=0&limit=100", token));
            reads.add(Read.get("/api/v1/relation/count?userId=" + user, token));
            reads.add(Read.post("/api/v1/post/user/list", token, Map.of("userId", user, "page", 0, "limit", 100)));
            reads.add(Read.post("/api/v1/collect/list", own, Map.of("userId", user, "page", 0, "limit", 100)));
            reads.add(Read.post("/api/v1/feed/list", own, Map.of("page", 0, "limit", 100)));
        }
        reads.add(Read.post(
                "/api/v1/post/list/ids", token, Map.of("ids", posts.subList(0, Math.min(100, posts.size())))));
        reads.add(Read.post("/api/v1/post/latest/list", token, Map.of("page", 0, "limit", 100)));
        reads.add(Read.post("/api/v1/post/hot/list", token, Map.of("page", 0, "limit", 100)));
        reads.add(Read.post(
                "/api/v1/comment/list/ids",
                token,
                Map.of("ids", allComments.subList(0, Math.min(100, allComments.size())))));
        for (long post : posts) {
            reads.add(Read.get("/api/v1/post/" + post, token));
            reads.add(Read.post("/api/v1/comment/latest/list", token, Map.of("postId", post, "page", 0, "limit", 100)));
            reads.add(Read.post("/api/v1/comment/hot/list", token, Map.of("postId", post, "page", 0, "limit", 100)));
            reads.add(Read.post("/api/v1/like/post/list", token, Map.of("postId", post, "page", 0, "limit", 100)));
        }
        for (long comment : allComments) {
            reads.add(Read.get("/api/v1/comment/" + comment, token));
            reads.add(Read.post(
                    "/api/v1/like/comment/list", token, Map.of("commentId", comment, "page", 0, "limit", 100)));
        }
        for (long comment : topComments) {
            reads.add(Read.post(
                    "/api/v1/comment/reply/list", token, Map.of("commentId", comment, "page", 0, "limit", 100)));
        }

        int withData = 0;
        for (Read read : reads) {
            Api.Answer m = read.send(fromMonolith);
            Api.Answer g = read.send(fromGateway);
            assertThat(m.status()).as("monolith %s: %s", read, m.raw()).isEqualTo(200);
            assertThat(g.status()).as("gateway %s: %s", read, g.raw()).isEqualTo(200);
            assertThat(g.body()).as("gateway %s", read).isEqualTo(m.body());
            withData += m.raw().contains("\"createdAt\"") ? 1 : 0;
        }
        // the comparison is about moved data, not empty lists: the gateway serves all of it
        assertThat(withData).isGreaterThan(reads.size() / 4);
        Api.Answer latest = fromGateway.post("/api/v1/post/latest/list", token, Map.of("page", 0, "limit", 100));
        assertThat(latest.dataLong("total")).isEqualTo(posts.size());
        Api.Answer everyone =
                fromGateway.post("/api/v1/user/list", adminToken, Map.of("params", Map.of("page", 0, "limit", 100)));
        assertThat(everyone.dataLong("total")).isEqualTo(USERS + 1);
    }

    @Test
    @Order(3)
    void verifyFindsARowChangedAfterTheCopy() throws SQLException {
        assertThat(split).as("split ran").isNotNull();
        long post = ids("SELECT id FROM post ORDER BY id").get(0);
        execute("UPDATE post SET title = CONCAT(title, '!') WHERE id = " + post);
        try {
            Tool.Result changed = migrate("verify-changed", split, List.of("verify", "--context", "creation"));
            assertThat(changed.exitCode()).as(changed.output()).isEqualTo(1);
            assertThat(changed.output()).contains("verify: creation.post: DIFFERENT", "verify: creation.comment: same");
        } finally {
            execute("UPDATE post SET title = LEFT(title, CHAR_LENGTH(title) - 1) WHERE id = " + post);
        }
        Tool.Result restored = migrate("verify-restored", split, List.of("verify", "--context", "creation"));
        assertThat(restored.exitCode()).as(restored.output()).isZero();
    }

    @Test
    @Order(4)
    void aSplitInterruptedAndRunAgainEndsInTheSameData() throws SQLException {
        Map<Context, String> targets = freshTargets("i");
        Tool.Result dry = migrate("dry-run", targets, List.of("split", "--dry-run"));
        assertThat(dry.exitCode()).as(dry.output()).isZero();
        assertThat(dry.output()).contains("dry run, nothing changed");
        assertThat(tableCount(targets.get(Context.CREATION)))
                .as("a dry run creates nothing")
                .isZero();

        Tool.Result first = migrate("split-1", targets, List.of("split", "--batch-size", "7", "--max-rows", "30"));
        assertThat(first.exitCode()).as(first.output()).isEqualTo(3);
        // 30 rows: the user context's 17 users and part of its sessions (the other targets have no schema yet)
        Tool.Result partial = migrate("verify-partial", targets, List.of("verify", "--context", "user"));
        assertThat(partial.exitCode())
                .as("an incomplete copy is a difference: " + partial.output())
                .isEqualTo(1);
        Tool.Result second = migrate("split-2", targets, List.of("split", "--batch-size", "7", "--max-rows", "100"));
        assertThat(second.exitCode()).as(second.output()).isEqualTo(3);
        Tool.Result rest = migrate("split-3", targets, List.of("split", "--batch-size", "7"));
        assertThat(rest.exitCode()).as(rest.output()).isZero();
        Tool.Result verified = migrate("verify-resumed", targets, List.of("verify"));
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        // and the same as the uninterrupted split: the checksums of both copies are the source's
        Tool.Result again = migrate("split-again", targets, List.of("split", "--from-start"));
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(migrate("verify-again", targets, List.of("verify")).exitCode())
                .isZero();
    }

    @Test
    @Order(5)
    void differingSchemaVersionsAreRefused() throws SQLException {
        Map<Context, String> targets = freshTargets("v");
        assertThat(migrate("split-v", targets, List.of("split", "--context", "creation"))
                        .exitCode())
                .isZero();
        try (Connection c = DriverManager.getConnection(targets.get(Context.CREATION), user(), password());
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM flyway_history_creation WHERE version = '4'");
        }
        for (String command : List.of("split", "verify")) {
            Tool.Result refused = migrate(command + "-refused", targets, List.of(command, "--context", "creation"));
            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
            assertThat(refused.output()).contains("schema versions differ for creation");
        }
    }

    /** One read request, sent the same way to either deployment. */
    private record Read(String method, String path, String token, Object body) {
        static Read get(String path, String token) {
            return new Read("GET", path, token, null);
        }

        static Read post(String path, String token, Object body) {
            return new Read("POST", path, token, body);
        }

        Api.Answer send(Api api) {
            return "GET".equals(method) ? api.get(path, token) : api.post(path, token, body);
        }

        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + body);
        }
    }

    private Map<Context, String> freshTargets(String run) {
        Map<Context, String> targets = new EnumMap<>(Context.class);
        for (Context c : Context.values()) {
            targets.put(
                    c,
                    Backing.shared()
                            .freshDatabaseUrl(NAME + "_" + run + "_" + c.name().toLowerCase()));
        }
        return targets;
    }

    private Tool.Result migrate(String logName, Map<Context, String> targets, List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(
                "--source-url",
                monolith.databaseUrl(Context.USER),
                "--user-url",
                targets.get(Context.USER),
                "--relation-url",
                targets.get(Context.RELATION),
                "--creation-url",
                targets.get(Context.CREATION),
                "--source-user",
                user(),
                "--target-user",
                user()));
        // passwords through the environment, as an operator would pass them
        return Tool.run(
                NAME + "-" + logName,
                migrateJar(),
                Map.of(),
                all,
                Duration.ofMinutes(5),
                Map.of("MIGRATE_SOURCE_PASSWORD", password(), "MIGRATE_TARGET_PASSWORD", password()));
    }

    private List<Long> ids(String sql) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = monolith.connect(Context.CREATION);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = monolith.connect(Context.CREATION);
                Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static int tableCount(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user(), password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String user() {
        return Backing.shared().databaseUser();
    }

    private static String password() {
        return Backing.shared().databasePassword();
    }

    private static Path migrateJar() {
        return Path.of(System.getProperty("conformance.migrate.jar", "../tools/migrate/target/migrate.jar"));
    }
}
