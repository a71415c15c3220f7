package io.community.single.seed;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.creation.api.CollectUseCases;
import io.community.creation.api.CommentUseCases;
import io.community.creation.api.LikeTarget;
import io.community.creation.api.LikeUseCases;
import io.community.creation.api.PostDraft;
import io.community.creation.api.PostUseCases;
import io.community.relation.api.RelationUseCases;
import io.community.user.api.LoginResult;
import io.community.user.api.ProfileChanges;
import io.community.user.api.UserUseCases;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Fills a database with sample data through the contexts' use cases, as clients would: users
 * (registered with a mailed code, logged in once, so each has a session), follows, posts of the
 * three kinds, comments with replies, likes on posts and comments, and collects.
 *
 * <p>Every choice comes from one {@link Random} seeded by {@code --seed}, so the same arguments
 * give the same shape (who follows whom, how many posts and comments, which likes) on any
 * database. Each run registers its users under a namespace of its own
 * ({@code seed<seed>.r<run>.u<i>@example.org}, the first run number whose first address is still
 * free), so running it again on a seeded database adds a second set instead of failing.
 */
public final class Seeder {
    /** Where seeded users sign in from (logins and codes count per client address). */
    static final String CLIENT_IP = "127.0.0.1";

    private static final String DEVICE = "seed";

    private final UserUseCases users;
    private final RelationUseCases relations;
    private final PostUseCases posts;
    private final CommentUseCases comments;
    private final LikeUseCases likes;
    private final CollectUseCases collects;
    private final SeedMailbox mailbox;
    private final PrintStream progress;

    public Seeder(
            UserUseCases users,
            RelationUseCases relations,
            PostUseCases posts,
            CommentUseCases comments,
            LikeUseCases likes,
            CollectUseCases collects,
            SeedMailbox mailbox,
            PrintStream progress) {
        this.users = users;
        this.relations = relations;
        this.posts = posts;
        this.comments = comments;
        this.likes = likes;
        this.collects = collects;
        this.mailbox = mailbox;
        this.progress = progress;
    }

    /** What one run created. */
    public record Report(
            int run,
            int users,
            int follows,
            int textPosts,
            int imagePosts,
            int videoPosts,
            int comments,
            int replies,
            int postLikes,
            int commentLikes,
            int collects) {
        public int posts() {
            return textPosts + imagePosts + videoPosts;
        }

        @Override
        public String toString() {
            return "run r" + run + ": " + users + " users (one session each), " + follows + " follows, "
                    + posts() + " posts (" + textPosts + " text, " + imagePosts + " image, " + videoPosts + " video), "
                    + comments + " comments, " + replies + " replies, " + postLikes + " post likes, "
                    + commentLikes + " comment likes, " + collects + " collects";
        }
    }

    public static String email(long seed, int run, int user) {
        return "seed" + seed + ".r" + run + ".u" + user + "@example.org";
    }

    public Report seed(int userCount, long seed, String password) {
        if (userCount < 2) {
            throw new IllegalArgumentException("--users must be at least 2");
        }
        Random random = new Random(seed);
        int run = freeRun(seed);
        progress.printf("seed: run r%d, %d users, seed %d%n", run, userCount, seed);

        List<Actor> actors = new ArrayList<>(userCount);
        Progress bar = new Progress("users", userCount);
        for (int i = 0; i < userCount; i++) {
            String email = email(seed, run, i);
            if (i > 0) {
                users.sendEmailCode(email, CLIENT_IP);
            }
            String code = mailbox.takeCode(email)
                    .orElseThrow(() -> new IllegalStateException("no verification code was mailed to " + email));
            long id = users.register(email, code, password);
            LoginResult login = users.login(email, password, CLIENT_IP);
            Actor actor = users.authenticate(login.token());
            users.update(
                    actor,
                    id,
                    new ProfileChanges(
                            null, "Seed user " + i, null, null, random.nextInt(3), 18 + random.nextInt(60), null));
            actors.add(actor);
            bar.step();
        }

        int follows = 0;
        bar = new Progress("follows", userCount);
        for (Actor actor : actors) {
            int n = Math.min(userCount - 1, 1 + random.nextInt(10));
            Set<Integer> chosen = new HashSet<>();
            while (chosen.size() < n) {
                int other = random.nextInt(userCount);
                if (actors.get(other).userId() != actor.userId() && chosen.add(other)) {
                    relations.follow(actor, actors.get(other).userId());
                    follows++;
                }
            }
            bar.step();
        }

        int[] kinds = new int[3];
        List<Long> postIds = new ArrayList<>();
        List<Long> postOwners = new ArrayList<>();
        List<Long> commentIds = new ArrayList<>();
        int commentCount = 0;
        int replyCount = 0;
        bar = new Progress("posts", userCount);
        for (int u = 0; u < userCount; u++) {
            Actor author = actors.get(u);
            int n = random.nextInt(4);
            for (int p = 0; p < n; p++) {
                int kind = random.nextInt(3);
                long postId = posts.create(author, draft(kind, u, p, random)).id();
                kinds[kind]++;
                postIds.add(postId);
                postOwners.add(author.userId());
                int c = random.nextInt(4);
                for (int k = 0; k < c; k++) {
                    Actor commenter = actors.get(random.nextInt(userCount));
                    long commentId = comments.create(
                                    commenter,
                                    postId,
                                    "Comment " + k + " on post " + p + " of user " + u,
                                    DEVICE,
                                    CLIENT_IP)
                            .id();
                    commentIds.add(commentId);
                    commentCount++;
                    int r = random.nextInt(3);
                    for (int j = 0; j < r; j++) {
                        Actor replier = actors.get(random.nextInt(userCount));
                        commentIds.add(comments.reply(replier, commentId, "Reply " + j, DEVICE, CLIENT_IP)
                                .id());
                        replyCount++;
                    }
                }
            }
            bar.step();
        }

        Set<String> postLikes = new HashSet<>();
        Set<String> commentLikes = new HashSet<>();
        Set<String> collected = new HashSet<>();
        bar = new Progress("likes and collects", userCount);
        for (Actor actor : actors) {
            if (!postIds.isEmpty()) {
                for (int k = random.nextInt(6); k > 0; k--) {
                    long postId = postIds.get(random.nextInt(postIds.size()));
                    likes.like(actor, LikeTarget.POST, postId);
                    postLikes.add(actor.userId() + ":" + postId);
                }
                for (int k = random.nextInt(3); k > 0; k--) {
                    int index = random.nextInt(postIds.size());
                    if (postOwners.get(index) != actor.userId()) { // one's own post cannot be collected
                        collects.collect(actor, postIds.get(index));
                        collected.add(actor.userId() + ":" + postIds.get(index));
                    }
                }
            }
            if (!commentIds.isEmpty()) {
                for (int k = random.nextInt(4); k > 0; k--) {
                    long commentId = commentIds.get(random.nextInt(commentIds.size()));
                    likes.like(actor, LikeTarget.COMMENT, commentId);
                    commentLikes.add(actor.userId() + ":" + commentId);
                }
            }
            bar.step();
        }
        return new Report(
                run,
                userCount,
                follows,
                kinds[0],
                kinds[1],
                kinds[2],
                commentCount,
                replyCount,
                postLikes.size(),
                commentLikes.size(),
                collected.size());
    }

    /**
     * The first run number whose first address is still free; its code is then in the mailbox.
     * An address that was sent a code moments ago (an interrupted run) counts as taken too.
     */
    private int freeRun(long seed) {
        for (int run = 1; ; run++) {
            try {
                users.sendEmailCode(email(seed, run, 0), CLIENT_IP);
                return run;
            } catch (DomainException e) {
                if (e.reason() != ErrorReason.ALREADY_EXISTS && e.reason() != ErrorReason.TOO_MANY_REQUESTS) {
                    throw e;
                }
            }
        }
    }

    private static PostDraft draft(int kind, int user, int post, Random random) {
        String title = "Post " + post + " of seed user " + user;
        double longitude = random.nextInt(360_000) / 1000.0 - 180;
        double latitude = random.nextInt(180_000) / 1000.0 - 90;
        return switch (kind) {
            case 0 ->
                new PostDraft(
                        title,
                        "Some words from user " + user,
                        List.of(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
            case 1 ->
                new PostDraft(
                        title,
                        "Pictures",
                        List.of("seed/" + user + "-" + post + "-1.png", "seed/" + user + "-" + post + "-2.png"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        longitude,
                        latitude,
                        "Somewhere");
            default ->
                new PostDraft(
                        title,
                        "A video",
                        List.of(),
                        "seed/" + user + "-" + post + ".mp4",
                        5 + random.nextInt(300),
                        "seed/" + user + "-" + post + ".png",
                        640,
                        360,
                        null,
                        null,
                        null);
        };
    }

    /** One line per tenth of a phase, so a large run shows that it moves. */
    private final class Progress {
        private final String phase;
        private final int total;
        private int done;
        private int lastTenth;

        Progress(String phase, int total) {
            this.phase = phase;
            this.total = total;
        }

        void step() {
            done++;
            int tenth = done * 10 / total;
            if (tenth != lastTenth || done == total) {
                lastTenth = tenth;
                progress.printf("seed: %s %d/%d%n", phase, done, total);
            }
        }
    }
}
