package io.community.creation.comment;

import io.community.creation.PostCounters;
import io.community.creation.api.Comment;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What "visible" means for a comment: not deleted itself, its post live, and for a reply its
 * top-level comment live too. Deleting a post does not touch its comments' rows, and a reply can
 * race with its parent's delete, so reads check all three rather than trust the comment's flag.
 */
final class LiveComments {
    private final CommentStore comments;
    private final PostCounters posts;

    LiveComments(CommentStore comments, PostCounters posts) {
        this.comments = comments;
        this.posts = posts;
    }

    Optional<Comment> find(long id) {
        return comments.findLive(id).filter(c -> visible(c, Map.of(), new HashMap<>()));
    }

    /** The visible ones among {@code found}, in their order; one store read for the missing parents. */
    List<Comment> filter(List<Comment> found) {
        Set<Long> ids = new HashSet<>();
        found.forEach(c -> ids.add(c.id()));
        Set<Long> missingParents = new HashSet<>();
        found.stream()
                .filter(c -> c.parentId() != 0 && !ids.contains(c.parentId()))
                .forEach(c -> missingParents.add(c.parentId()));
        Map<Long, Comment> live = new HashMap<>();
        found.forEach(c -> live.put(c.id(), c));
        if (!missingParents.isEmpty()) {
            comments.findLive(missingParents).forEach(c -> live.put(c.id(), c));
        }
        Map<Long, Boolean> livePosts = new HashMap<>();
        return found.stream().filter(c -> visible(c, live, livePosts)).toList();
    }

    /**
     * @param live      comments known to be live (parents are looked up here first)
     * @param livePosts memo of post liveness, so a page of one post's comments asks once
     */
    private boolean visible(Comment c, Map<Long, Comment> live, Map<Long, Boolean> livePosts) {
        if (c.parentId() != 0) {
            Comment parent = live.containsKey(c.parentId())
                    ? live.get(c.parentId())
                    : comments.findLive(c.parentId()).orElse(null);
            if (parent == null) {
                return false;
            }
        }
        return livePosts.computeIfAbsent(
                c.postId(), postId -> posts.findLive(postId).isPresent());
    }
}
