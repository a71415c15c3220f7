package io.community.creation.comment;

import io.community.creation.PostCounters;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Posts in memory, as far as comments and likes see them: live or not, and their counters. */
public class FakePostCounters implements PostCounters {
    private final Map<Long, Row> posts = new HashMap<>();
    private long nextId = 100;

    private static final class Row {
        final long userId;
        boolean live = true;
        final Map<Counter, Long> counters = new EnumMap<>(Counter.class);

        Row(long userId) {
            this.userId = userId;
        }
    }

    public long create(long userId) {
        long id = nextId++;
        posts.put(id, new Row(userId));
        return id;
    }

    public void delete(long postId) {
        posts.get(postId).live = false;
    }

    public long count(long postId, Counter counter) {
        return posts.get(postId).counters.getOrDefault(counter, 0L);
    }

    @Override
    public Optional<PostRef> findLive(long postId) {
        Row row = posts.get(postId);
        return row != null && row.live ? Optional.of(new PostRef(postId, row.userId)) : Optional.empty();
    }

    @Override
    public void add(long postId, Counter counter, long delta) {
        Row row = posts.get(postId);
        if (row != null) {
            row.counters.put(counter, Math.max(row.counters.getOrDefault(counter, 0L) + delta, 0));
        }
    }
}
