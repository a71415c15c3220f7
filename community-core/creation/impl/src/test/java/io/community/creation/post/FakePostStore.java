package io.community.creation.post;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.PostCounters.Counter;
import io.community.creation.api.DelFlag;
import io.community.creation.api.Post;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** An in-memory {@link PostStore} with the JDBC store's semantics, for unit tests. */
public class FakePostStore implements PostStore {
    private final Map<Long, Post> rows = new LinkedHashMap<>();
    private long nextId = 1;

    @Override
    public synchronized long insert(NewPost post) {
        long id = nextId++;
        PostContent c = post.content();
        rows.put(
                id,
                new Post(
                        id,
                        c.type(),
                        post.userId(),
                        c.title(),
                        c.content(),
                        0,
                        0,
                        0,
                        0,
                        0,
                        DelFlag.NONE,
                        1,
                        c.longitude(),
                        c.latitude(),
                        c.position(),
                        post.createdAt(),
                        post.createdAt()));
        return id;
    }

    /** Every row, deleted or not, as stored. */
    public synchronized Optional<Post> row(long id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public synchronized Optional<Post> findLive(long id) {
        return row(id).filter(FakePostStore::live);
    }

    @Override
    public synchronized List<Post> findLive(Collection<Long> ids) {
        return ids.stream()
                .distinct()
                .map(rows::get)
                .filter(p -> p != null && live(p))
                .toList();
    }

    @Override
    public synchronized boolean update(long id, PostContent c, Instant now) {
        return replace(
                id,
                p -> new Post(
                        p.id(),
                        c.type(),
                        p.userId(),
                        c.title(),
                        c.content(),
                        p.viewCount(),
                        p.likeCount(),
                        p.commentCount(),
                        p.collectCount(),
                        p.shareCount(),
                        p.delFlag(),
                        p.visible(),
                        c.longitude(),
                        c.latitude(),
                        c.position(),
                        p.createdAt(),
                        now));
    }

    @Override
    public synchronized boolean softDelete(long id, DelFlag flag, Instant now) {
        return replace(
                id,
                p -> new Post(
                        p.id(),
                        p.postType(),
                        p.userId(),
                        p.title(),
                        p.content(),
                        p.viewCount(),
                        p.likeCount(),
                        p.commentCount(),
                        p.collectCount(),
                        p.shareCount(),
                        flag,
                        p.visible(),
                        p.longitude(),
                        p.latitude(),
                        p.position(),
                        p.createdAt(),
                        now));
    }

    @Override
    public synchronized Page<Post> latest(PageRequest page) {
        return page(p -> true, latestOrder(), page);
    }

    @Override
    public synchronized Page<Post> hot(PageRequest page) {
        Comparator<Post> byScore = Comparator.comparingDouble(FakePostStore::score);
        return page(p -> true, byScore.thenComparingLong(Post::id).reversed(), page);
    }

    @Override
    public synchronized Page<Post> byUsers(Collection<Long> userIds, PageRequest page) {
        Set<Long> users = Set.copyOf(userIds);
        return page(p -> users.contains(p.userId()), latestOrder(), page);
    }

    @Override
    public synchronized boolean addCounter(long id, Counter counter, long delta, boolean liveOnly) {
        Post p = rows.get(id);
        if (p == null || (liveOnly && !live(p))) {
            return false;
        }
        long views = p.viewCount();
        long shares = p.shareCount();
        long likes = p.likeCount();
        long comments = p.commentCount();
        long collects = p.collectCount();
        switch (counter) {
            case VIEW -> views = Math.max(views + delta, 0);
            case SHARE -> shares = Math.max(shares + delta, 0);
            case LIKE -> likes = Math.max(likes + delta, 0);
            case COMMENT -> comments = Math.max(comments + delta, 0);
            case COLLECT -> collects = Math.max(collects + delta, 0);
        }
        rows.put(
                id,
                new Post(
                        p.id(),
                        p.postType(),
                        p.userId(),
                        p.title(),
                        p.content(),
                        views,
                        likes,
                        comments,
                        collects,
                        shares,
                        p.delFlag(),
                        p.visible(),
                        p.longitude(),
                        p.latitude(),
                        p.position(),
                        p.createdAt(),
                        p.updatedAt()));
        return true;
    }

    @Override
    public synchronized Optional<Long> liveOwner(long id) {
        return findLive(id).map(Post::userId);
    }

    private boolean replace(long id, java.util.function.UnaryOperator<Post> change) {
        Post p = rows.get(id);
        if (p == null || !live(p)) {
            return false;
        }
        rows.put(id, change.apply(p));
        return true;
    }

    private Page<Post> page(Predicate<Post> filter, Comparator<Post> order, PageRequest page) {
        List<Post> all = rows.values().stream()
                .filter(FakePostStore::live)
                .filter(filter)
                .sorted(order)
                .toList();
        Stream<Post> items = all.stream().skip(page.offset()).limit(page.limit());
        return new Page<>(items.toList(), all.size());
    }

    private static Comparator<Post> latestOrder() {
        return Comparator.comparing(Post::createdAt).thenComparingLong(Post::id).reversed();
    }

    private static double score(Post p) {
        return HotScore.score(
                p.createdAt(), p.likeCount(), p.commentCount(), p.collectCount(), p.shareCount(), p.viewCount());
    }

    private static boolean live(Post p) {
        return p.delFlag() == DelFlag.NONE;
    }
}
