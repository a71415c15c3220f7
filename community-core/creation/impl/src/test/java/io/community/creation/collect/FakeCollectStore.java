package io.community.creation.collect;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.Collect;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;

/** An in-memory {@link CollectStore}; which posts are live is asked from the test's post store. */
public class FakeCollectStore implements CollectStore {
    private final Map<Long, Row> rows = new LinkedHashMap<>();
    private final LongPredicate postLive;
    private long nextId = 1;

    private record Row(long id, long userId, long postId, boolean active, Instant createdAt, Instant updatedAt) {}

    public FakeCollectStore(LongPredicate postLive) {
        this.postLive = postLive;
    }

    @Override
    public synchronized boolean add(long userId, long postId, Instant now) {
        Optional<Row> existing = rows.values().stream()
                .filter(r -> r.userId() == userId && r.postId() == postId)
                .findFirst();
        if (existing.isEmpty()) {
            long id = nextId++;
            rows.put(id, new Row(id, userId, postId, true, now, now));
            return true;
        }
        Row r = existing.get();
        if (r.active()) {
            return false;
        }
        rows.put(r.id(), new Row(r.id(), userId, postId, true, now, now));
        return true;
    }

    @Override
    public synchronized Optional<CollectRow> find(long id) {
        return Optional.ofNullable(rows.get(id)).map(r -> new CollectRow(r.id(), r.userId(), r.postId(), r.active()));
    }

    @Override
    public synchronized boolean remove(long id, Instant now) {
        Row r = rows.get(id);
        if (r == null || !r.active()) {
            return false;
        }
        rows.put(id, new Row(r.id(), r.userId(), r.postId(), false, r.createdAt(), now));
        return true;
    }

    @Override
    public synchronized Page<Collect> listActive(long userId, PageRequest page) {
        List<Row> all = rows.values().stream()
                .filter(r -> r.userId() == userId && r.active() && postLive.test(r.postId()))
                .sorted(Comparator.comparing(Row::createdAt)
                        .thenComparingLong(Row::id)
                        .reversed())
                .toList();
        return new Page<>(
                all.stream()
                        .skip(page.offset())
                        .limit(page.limit())
                        .map(r -> new Collect(r.id(), r.userId(), r.postId(), r.createdAt(), r.updatedAt()))
                        .toList(),
                all.size());
    }
}
