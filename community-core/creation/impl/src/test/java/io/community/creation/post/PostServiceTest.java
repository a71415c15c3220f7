package io.community.creation.post;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.error.FieldError;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.common.testing.MutableClock;
import io.community.creation.PostCounters.Counter;
import io.community.creation.api.DelFlag;
import io.community.creation.api.Post;
import io.community.creation.api.PostDraft;
import io.community.creation.api.PostType;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The post use cases against an in-memory store: rules, not storage. */
class PostServiceTest {
    static final ObjectMapper JSON = ObjectMapper.getDefault();
    static final Actor ALICE = new Actor(1, Role.USER);
    static final Actor BOB = new Actor(2, Role.USER);
    static final Actor ADMIN = new Actor(9, Role.ADMIN);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00.123456789Z"));
    private FakePostStore store;
    private PostService service;

    @BeforeEach
    void setUp() {
        store = new FakePostStore();
        service = new PostService(store, JSON, clock);
    }

    static PostDraft text(String title, String text) {
        return new PostDraft(title, text, List.of(), null, null, null, null, null, null, null, null);
    }

    static PostDraft pictures(String title, String... keys) {
        return new PostDraft(title, "", List.of(keys), null, null, null, null, null, null, null, null);
    }

    static PostDraft video(String title) {
        return new PostDraft(title, "watch", List.of(), "v/1.mp4", 61, "c/1.jpg", 640, 360, null, null, null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String content) throws IOException {
        return JSON.readValue(content, Map.class);
    }

    @Test
    void createsATextPostWithContentAsJson() throws IOException {
        String tricky = "He said \"hi\"\n\\ \u00e9 \uD83D\uDE00 </script>";
        Post post = service.create(
                ALICE, new PostDraft("Title \uD83D\uDE00", tricky, List.of(), "", 0, "", 0, 0, 13.4, 52.5, "Berlin"));

        assertThat(post.postType()).isEqualTo(PostType.TEXT);
        assertThat(post.userId()).isEqualTo(1);
        assertThat(post.title()).isEqualTo("Title \uD83D\uDE00");
        assertThat(parse(post.content())).isEqualTo(Map.of("text", tricky));
        assertThat(post.longitude()).isEqualTo(13.4);
        assertThat(post.latitude()).isEqualTo(52.5);
        assertThat(post.position()).isEqualTo("Berlin");
        assertThat(post.createdAt()).isEqualTo("2026-01-01T00:00:00.123456Z");
        assertThat(post.delFlag()).isEqualTo(DelFlag.NONE);
        assertThat(service.get(post.id())).isEqualTo(post);
    }

    @Test
    void createsImageAndVideoPosts() throws IOException {
        Post image = service.create(ALICE, pictures("pics", "a.png", "b.png"));
        Post video = service.create(ALICE, video("film"));

        assertThat(image.postType()).isEqualTo(PostType.IMAGE);
        assertThat(parse(image.content())).isEqualTo(Map.of("text", "", "pic", List.of("a.png", "b.png")));
        assertThat(video.postType()).isEqualTo(PostType.VIDEO);
        assertThat(parse(video.content()))
                .isEqualTo(Map.of(
                        "text",
                        "watch",
                        "video",
                        Map.of(
                                "video_url",
                                "v/1.mp4",
                                "duration",
                                61,
                                "cover_url",
                                "c/1.jpg",
                                "cover_width",
                                640,
                                "cover_height",
                                360)));
        assertThat(image.position()).isEmpty();
        assertThat(image.longitude()).isZero();
    }

    @Test
    void contentRules() {
        assertReason(() -> service.create(ALICE, text("t", null)), ErrorReason.BAD_POST_TYPE);
        assertReason(() -> service.create(ALICE, text("t", "  \n")), ErrorReason.BAD_POST_TYPE);
        assertReason(
                () -> service.create(
                        ALICE, new PostDraft("t", "x", List.of("a.png"), "v.mp4", 3, "c.jpg", 1, 1, null, null, null)),
                ErrorReason.IMAGES_AND_VIDEO);
        assertReason(
                () -> service.create(
                        ALICE, new PostDraft("t", "x", List.of(), "v.mp4", 3, null, null, null, null, null, null)),
                ErrorReason.INCOMPLETE_VIDEO);
        assertReason(
                () -> service.create(ALICE, new PostDraft("t", "x", List.of(), "", 0, "c.jpg", 0, 0, null, null, null)),
                ErrorReason.INCOMPLETE_VIDEO);
        // pictures next to any part of a video are the mix (20412), whatever else is missing
        assertReason(
                () -> service.create(
                        ALICE,
                        new PostDraft("t", "x", List.of("a.png"), "v.mp4", null, null, null, null, null, null, null)),
                ErrorReason.IMAGES_AND_VIDEO);
        assertReason(
                () -> service.create(
                        ALICE,
                        new PostDraft(null, null, List.of("a.png"), null, null, "c.jpg", null, null, null, null, null)),
                ErrorReason.IMAGES_AND_VIDEO);
        assertThat(store.latest(new PageRequest(0, 10)).total()).isZero();
    }

    @Test
    void fieldRules() {
        String emoji = "\uD83D\uDE00";
        // 250 characters of 2 UTF-16 units each are fine: lengths count characters
        assertThat(service.create(ALICE, text(emoji.repeat(250), "x")).title()).hasSize(500);
        assertThat(service.create(ALICE, text("t", "x".repeat(10_000))).content())
                .contains("xxx");
        assertThat(service.create(ALICE, pictures("nine", "1", "2", "3", "4", "5", "6", "7", "8", "9"))
                        .postType())
                .isEqualTo(PostType.IMAGE);
        assertThat(service.create(
                                ALICE,
                                new PostDraft(
                                        "edge",
                                        "x",
                                        List.of(),
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        -180d,
                                        90d,
                                        "p".repeat(100)))
                        .longitude())
                .isEqualTo(-180);

        assertField(() -> service.create(ALICE, text(null, "x")), "title");
        assertField(() -> service.create(ALICE, text(" ", "x")), "title");
        assertField(() -> service.create(ALICE, text(emoji.repeat(251), "x")), "title");
        assertField(() -> service.create(ALICE, text("t", "x".repeat(10_001))), "text");
        assertField(
                () -> service.create(ALICE, pictures("ten", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10")),
                "picKeys");
        assertField(() -> service.create(ALICE, pictures("blank", "a", " ")), "picKeys[1]");
        assertField(() -> service.create(ALICE, pictures("long", "k".repeat(256))), "picKeys[0]");
        assertField(
                () -> service.create(
                        ALICE, new PostDraft("t", "x", List.of(), "v".repeat(256), 1, "c", 1, 1, null, null, null)),
                "videoKey");
        assertField(
                () -> service.create(ALICE, new PostDraft("t", "x", List.of(), "v", -1, "c", 1, 1, null, null, null)),
                "videoDuration");
        assertField(
                () -> service.create(
                        ALICE, new PostDraft("t", "x", List.of(), null, null, null, null, null, 180.01, null, null)),
                "longitude");
        assertField(
                () -> service.create(
                        ALICE, new PostDraft("t", "x", List.of(), null, null, null, null, null, null, -90.5, null)),
                "latitude");
        assertField(
                () -> service.create(
                        ALICE,
                        new PostDraft("t", "x", List.of(), null, null, null, null, null, Double.NaN, null, null)),
                "longitude");
        assertField(
                () -> service.create(
                        ALICE,
                        new PostDraft("t", "x", List.of(), null, null, null, null, null, null, null, "p".repeat(101))),
                "position");
        assertThat(store.latest(new PageRequest(0, 100)).total()).isEqualTo(4);
    }

    @Test
    void contentThatWouldNotFitTheColumnIsRejected() {
        // control characters are written as \\u00XX, six bytes each: within every length limit, this
        // document (10000 + 9 · 255 of them) would exceed the 65535 bytes of the TEXT column
        String key = "\u0001".repeat(255);
        assertField(
                () -> service.create(
                        ALICE,
                        new PostDraft(
                                "t",
                                "\u0001".repeat(10_000),
                                Collections.nCopies(9, key),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null)),
                "text");
        assertThat(store.latest(new PageRequest(0, 10)).total()).isZero();
    }

    @Test
    void theTypeFollowsTheContentOnUpdate() throws IOException {
        Post post = service.create(ALICE, video("film"));
        clock.advance(Duration.ofMinutes(5));

        service.update(ALICE, post.id(), text("now text", "just words"));

        Post updated = service.get(post.id());
        assertThat(updated.postType()).isEqualTo(PostType.TEXT);
        assertThat(parse(updated.content())).isEqualTo(Map.of("text", "just words"));
        assertThat(updated.title()).isEqualTo("now text");
        assertThat(updated.createdAt()).isEqualTo(post.createdAt());
        assertThat(updated.updatedAt()).isEqualTo(post.createdAt().plus(Duration.ofMinutes(5)));
        assertThat(service.latest(new PageRequest(0, 10)).items()).containsExactly(updated);

        service.update(ALICE, post.id(), pictures("now pictures", "p.png"));
        assertThat(service.get(post.id()).postType()).isEqualTo(PostType.IMAGE);
        service.update(ALICE, post.id(), video("video again"));
        assertThat(service.get(post.id()).postType()).isEqualTo(PostType.VIDEO);
    }

    @Test
    void onlyTheAuthorUpdates() {
        Post post = service.create(ALICE, text("mine", "x"));

        assertReason(() -> service.update(BOB, post.id(), text("hijacked", "x")), ErrorReason.FORBIDDEN);
        assertReason(() -> service.update(ADMIN, post.id(), text("hijacked", "x")), ErrorReason.FORBIDDEN);
        assertReason(() -> service.update(ALICE, 404, text("t", "x")), ErrorReason.NOT_FOUND);
        assertField(() -> service.update(ALICE, post.id(), text("", "x")), "title");
        assertReason(() -> service.update(ALICE, post.id(), text("t", "")), ErrorReason.BAD_POST_TYPE);
        assertThat(service.get(post.id()).title()).isEqualTo("mine");

        service.delete(ALICE, post.id(), DelFlag.BY_OWNER);
        assertReason(() -> service.update(ALICE, post.id(), text("t", "x")), ErrorReason.NOT_FOUND);
    }

    @Test
    void deleteRules() {
        Post post = service.create(ALICE, text("t", "x"));

        assertReason(() -> service.delete(BOB, post.id(), DelFlag.BY_OWNER), ErrorReason.FORBIDDEN);
        assertReason(() -> service.delete(BOB, post.id(), DelFlag.BY_ADMIN), ErrorReason.FORBIDDEN);
        assertReason(() -> service.delete(ALICE, post.id(), DelFlag.BY_ADMIN), ErrorReason.FORBIDDEN);
        assertReason(() -> service.delete(ADMIN, post.id(), DelFlag.BY_OWNER), ErrorReason.FORBIDDEN);
        assertField(() -> service.delete(ALICE, post.id(), DelFlag.NONE), "delFlag");
        assertField(() -> service.delete(ALICE, post.id(), null), "delFlag");
        assertReason(() -> service.delete(ALICE, 404, DelFlag.BY_OWNER), ErrorReason.NOT_FOUND);
        assertThat(service.get(post.id()).delFlag()).isEqualTo(DelFlag.NONE);

        service.delete(ALICE, post.id(), DelFlag.BY_OWNER);
        assertThat(store.row(post.id()).orElseThrow().delFlag()).isEqualTo(DelFlag.BY_OWNER);
        assertReason(() -> service.delete(ALICE, post.id(), DelFlag.BY_OWNER), ErrorReason.NOT_FOUND);

        Post other = service.create(BOB, text("t", "x"));
        service.delete(ADMIN, other.id(), DelFlag.BY_ADMIN);
        assertThat(store.row(other.id()).orElseThrow().delFlag()).isEqualTo(DelFlag.BY_ADMIN);
    }

    @Test
    void deletedPostsAreGoneFromEveryRead() {
        Post kept = service.create(ALICE, text("kept", "x"));
        Post gone = service.create(ALICE, text("gone", "x"));
        service.delete(ALICE, gone.id(), DelFlag.BY_OWNER);

        PageRequest page = new PageRequest(0, 10);
        assertReason(() -> service.get(gone.id()), ErrorReason.NOT_FOUND);
        assertThat(service.getByIds(List.of(gone.id(), kept.id())))
                .extracting(Post::id)
                .containsExactly(kept.id());
        assertThat(service.listByUser(1, page).items()).extracting(Post::id).containsExactly(kept.id());
        assertThat(service.latest(page).items()).extracting(Post::id).containsExactly(kept.id());
        assertThat(service.hot(page).items()).extracting(Post::id).containsExactly(kept.id());
        assertThat(service.listByUsers(List.of(1L, 2L), page).total()).isEqualTo(1);
        assertReason(() -> service.view(gone.id()), ErrorReason.NOT_FOUND);
        assertReason(() -> service.share(gone.id()), ErrorReason.NOT_FOUND);
    }

    @Test
    void getByIdsKeepsInputOrderAndChecksItsSize() {
        Post a = service.create(ALICE, text("a", "x"));
        Post b = service.create(BOB, text("b", "x"));
        Post c = service.create(ALICE, text("c", "x"));

        assertThat(service.getByIds(List.of(c.id(), 999L, a.id(), b.id(), c.id())))
                .extracting(Post::id)
                .containsExactly(c.id(), a.id(), b.id());
        assertField(() -> service.getByIds(List.of()), "ids");
        assertField(() -> service.getByIds(null), "ids");
        assertField(() -> service.getByIds(Collections.nCopies(101, a.id())), "ids");
        assertField(() -> service.getByIds(Arrays.asList(a.id(), null)), "ids");
        assertThat(service.getByIds(Collections.nCopies(100, a.id()))).hasSize(1);
    }

    @Test
    void listsAreNewestFirstAndTheFeedOfNobodyIsEmpty() {
        Post a1 = service.create(ALICE, text("a1", "x"));
        Post b1 = service.create(BOB, text("b1", "x")); // same instant: the higher id first
        clock.advance(Duration.ofSeconds(1));
        Post a2 = service.create(ALICE, text("a2", "x"));

        assertThat(service.listByUser(1, new PageRequest(0, 10)).items()).containsExactly(a2, a1);
        assertThat(service.latest(new PageRequest(0, 2)).items()).containsExactly(a2, b1);
        assertThat(service.latest(new PageRequest(1, 2)).items()).containsExactly(a1);
        assertThat(service.latest(new PageRequest(1, 2)).total()).isEqualTo(3);
        assertThat(service.listByUsers(List.of(2L), new PageRequest(0, 10)).items())
                .containsExactly(b1);
        assertThat(service.listByUsers(List.of(), new PageRequest(0, 10))).isEqualTo(new Page<Post>(List.of(), 0));
        assertThat(service.listByUsers(null, new PageRequest(0, 10)).items()).isEmpty();
    }

    @Test
    void viewAndShareCount() {
        Post post = service.create(ALICE, text("t", "x"));

        service.view(post.id());
        service.view(post.id());
        service.share(post.id());

        Post counted = service.get(post.id());
        assertThat(counted.viewCount()).isEqualTo(2);
        assertThat(counted.shareCount()).isEqualTo(1);
        assertReason(() -> service.view(404), ErrorReason.NOT_FOUND);
        assertReason(() -> service.share(404), ErrorReason.NOT_FOUND);
    }

    @Test
    void hotOrderFollowsTheFormula() {
        Post old = service.create(ALICE, text("old", "x"));
        clock.advance(Duration.ofHours(2));
        Post quiet = service.create(BOB, text("quiet", "x"));
        Post twin = service.create(BOB, text("twin", "x"));
        PageRequest page = new PageRequest(0, 10);

        // equal engagement: newer first, the id breaking ties of one instant
        assertThat(service.hot(page).items()).extracting(Post::id).containsExactly(twin.id(), quiet.id(), old.id());
        // 2 h of age ≈ 0.16 in score; a single like (log10 4 ≈ 0.6) outweighs it
        store.addCounter(old.id(), Counter.LIKE, 1, true);
        assertThat(service.hot(page).items()).extracting(Post::id).containsExactly(old.id(), twin.id(), quiet.id());
        assertThat(service.latest(page).items()).extracting(Post::id).containsExactly(twin.id(), quiet.id(), old.id());
        // ten views (engagement 2) lift quiet above its twin, not above old (engagement 4)
        store.addCounter(quiet.id(), Counter.VIEW, 10, true);
        assertThat(service.hot(page).items()).extracting(Post::id).containsExactly(old.id(), quiet.id(), twin.id());
    }

    @Test
    void hotScoreFormula() {
        Instant t = Instant.ofEpochSecond(45_000L * 40_000);
        assertThat(HotScore.score(t, 0, 0, 0, 0, 0)).isEqualTo(40_000d);
        // one of each and ten views: 1 + 3 + 5 + 4 + 6 + 0.1·10 = 20
        assertThat(HotScore.engagement(1, 1, 1, 1, 10)).isEqualTo(20d);
        // a tenfold engagement is worth exactly 12.5 hours
        assertThat(HotScore.score(t, 3, 0, 0, 0, 0))
                .isEqualTo(HotScore.score(t.plusSeconds(45_000), 0, 0, 0, 0, 0) - 1 + Math.log10(10));
    }

    static void assertReason(Executable call, ErrorReason reason) {
        assertThatThrownBy(call::execute)
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    static void assertField(Executable call, String field) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.reason()).isEqualTo(ErrorReason.INVALID_PARAMS);
            assertThat(e.fieldErrors()).extracting(FieldError::field).contains(field);
        });
    }
}
