package io.community.creation.like;

import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.Like;
import io.community.creation.api.LikeTarget;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The like store's contract in memory: one row per user and target, status flips. */
class FakeLikeStore implements LikeStore {
    private record Key(long userId, LikeTarget target, long objId) {}

    private final Map<Key, Like> rows = new LinkedHashMap<>();
    private long nextId = 1;

    int rows() {
        return rows.size();
    }

    @Override
    public boolean like(long userId, LikeTarget target, long objId, Instant now) {
        Key key = new Key(userId, target, objId);
        Like row = rows.get(key);
        if (row != null && row.status() == 1) {
            return false;
        }
        long id = row == null ? nextId++ : row.id();
        rows.put(key, new Like(id, userId, target, objId, 1, now, now));
        return true;
    }

    @Override
    public boolean unlike(long userId, LikeTarget target, long objId, Instant now) {
        Key key = new Key(userId, target, objId);
        Like row = rows.get(key);
        if (row == null || row.status() == 0) {
            return false;
        }
        rows.put(key, new Like(row.id(), userId, target, objId, 0, row.createdAt(), now));
        return true;
    }

    @Override
    public Page<Like> list(LikeTarget target, long objId, PageRequest page) {
        List<Like> all = rows.values().stream()
                .filter(l -> l.objType() == target && l.objId() == objId && l.status() == 1)
                .sorted(Comparator.comparing(Like::createdAt)
                        .thenComparing(Like::id)
                        .reversed())
                .toList();
        return new Page<>(all.stream().skip(page.offset()).limit(page.limit()).toList(), all.size());
    }
}
