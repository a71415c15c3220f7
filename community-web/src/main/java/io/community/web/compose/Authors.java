package io.community.web.compose;

import io.community.user.api.UserUseCases;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Author embedding for posts and comments, composed once against {@link UserUseCases}: one batch
 * lookup per page (no N+1), in-process in the monolith and one gRPC call in the cluster.
 */
@Singleton
public class Authors {
    private final UserUseCases users;

    public Authors(UserUseCases users) {
        this.users = users;
    }

    /** Every requested id has an entry; deleted or unknown users get an empty placeholder. */
    public Map<Long, AuthorView> of(Collection<Long> userIds) {
        Set<Long> ids = new LinkedHashSet<>(userIds);
        Map<Long, AuthorView> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        users.summaries(ids).forEach((id, summary) -> result.put(id, AuthorView.of(summary)));
        ids.forEach(id -> result.computeIfAbsent(id, AuthorView::unknown));
        return result;
    }

    public AuthorView of(long userId) {
        return of(Set.of(userId)).get(userId);
    }
}
