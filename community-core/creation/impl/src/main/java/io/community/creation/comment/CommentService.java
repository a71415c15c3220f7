package io.community.creation.comment;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.PostCounters;
import io.community.creation.PostCounters.Counter;
import io.community.creation.api.Comment;
import io.community.creation.api.CommentUseCases;
import io.community.creation.api.DelFlag;
import io.community.creation.comment.CommentStore.NewComment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Comments and one level of replies. Counters (the post's commentCount, a parent's replyCount)
 * move in the transaction of the row they count. A reply and a delete lock the top-level
 * comment's row first, then reply rows, then the post's row (through {@link PostCounters}), so
 * concurrent replies and deletes of one thread serialize instead of deadlocking or miscounting.
 */
@Singleton
public class CommentService implements CommentUseCases {
    private final CommentStore comments;
    private final PostCounters posts;
    private final LiveComments live;
    private final Clock clock;

    public CommentService(CommentStore comments, PostCounters posts, Clock clock) {
        this.comments = comments;
        this.posts = posts;
        this.live = new LiveComments(comments, posts);
        this.clock = clock;
    }

    @Override
    @Transactional
    public Comment create(Actor actor, long postId, String content, @Nullable String deviceType, String clientIp) {
        String text = CommentRules.content(content);
        String device = CommentRules.deviceType(deviceType);
        posts.findLive(postId).orElseThrow(() -> DomainException.notFound("post"));
        long id = comments.insert(
                new NewComment(postId, actor.userId(), 0, text, device, CommentRules.ip(clientIp), now()));
        posts.add(postId, Counter.COMMENT, 1);
        return comments.findLive(id).orElseThrow(() -> new IllegalStateException("comment " + id + " vanished"));
    }

    @Override
    @Transactional
    public Comment reply(Actor actor, long commentId, String content, @Nullable String deviceType, String clientIp) {
        String text = CommentRules.content(content);
        String device = CommentRules.deviceType(deviceType);
        Comment parent = live.find(commentId).orElseThrow(() -> DomainException.notFound("comment"));
        if (parent.parentId() != 0) {
            throw new DomainException(ErrorReason.CANNOT_REPLY_TO_REPLY);
        }
        // Locks the parent and re-checks it: a delete that committed since the read above wins (404),
        // and one that comes later waits for this reply and then removes it with its parent.
        if (!comments.addReplyToLiveTopLevel(commentId)) {
            throw DomainException.notFound("comment");
        }
        long id = comments.insert(new NewComment(
                parent.postId(), actor.userId(), commentId, text, device, CommentRules.ip(clientIp), now()));
        posts.add(parent.postId(), Counter.COMMENT, 1);
        return comments.findLive(id).orElseThrow(() -> new IllegalStateException("comment " + id + " vanished"));
    }

    /**
     * A second delete of the same comment answers 404 and changes nothing: the comment is gone
     * for every read, so it is gone for this one too.
     */
    @Override
    @Transactional
    public void delete(Actor actor, long id, DelFlag flag) {
        DelFlag delFlag = CommentRules.deleteFlag(flag);
        if (delFlag == DelFlag.BY_ADMIN) {
            actor.requireAdmin();
        }
        Comment comment = live.find(id).orElseThrow(() -> DomainException.notFound("comment"));
        if (delFlag == DelFlag.BY_OWNER && !actor.is(comment.userId())) {
            throw DomainException.forbidden("only the comment's author may delete it with delFlag 1");
        }
        Instant now = now();
        long removed;
        if (comment.parentId() == 0) {
            if (!comments.softDelete(id, delFlag, now)) {
                throw DomainException.notFound("comment");
            }
            removed = 1 + comments.softDeleteReplies(id, delFlag, now);
        } else {
            // the parent's row first (lock order); rolled back with the 404 if the reply is gone by now
            comments.addReplies(comment.parentId(), -1);
            if (!comments.softDelete(id, delFlag, now)) {
                throw DomainException.notFound("comment");
            }
            removed = 1;
        }
        posts.add(comment.postId(), Counter.COMMENT, -removed);
    }

    @Override
    @Transactional
    public void update(Actor actor, long id, String content) {
        String text = CommentRules.content(content);
        Comment comment = live.find(id).orElseThrow(() -> DomainException.notFound("comment"));
        if (!actor.is(comment.userId())) {
            throw DomainException.forbidden("only the comment's author may edit it");
        }
        if (!comments.updateContent(id, text, now())) {
            throw DomainException.notFound("comment");
        }
    }

    @Override
    public Comment get(long id) {
        return live.find(id).orElseThrow(() -> DomainException.notFound("comment"));
    }

    /** In input order, each id once; missing, deleted and hidden (post or parent deleted) ones skipped. */
    @Override
    public List<Comment> getByIds(List<Long> ids) {
        List<Long> wanted = List.copyOf(new LinkedHashSet<>(CommentRules.ids(ids)));
        Map<Long, Comment> found = live.filter(comments.findLive(wanted)).stream()
                .collect(Collectors.toMap(Comment::id, Function.identity()));
        return wanted.stream().filter(found::containsKey).map(found::get).toList();
    }

    @Override
    @ReadOnly
    public Page<Comment> latest(long postId, PageRequest page) {
        requireLivePost(postId);
        return comments.latest(postId, page);
    }

    @Override
    @ReadOnly
    public Page<Comment> hot(long postId, PageRequest page) {
        requireLivePost(postId);
        return comments.hot(postId, page);
    }

    @Override
    @ReadOnly
    public Page<Comment> replies(long commentId, PageRequest page) {
        live.find(commentId).orElseThrow(() -> DomainException.notFound("comment"));
        return comments.replies(commentId, page);
    }

    private void requireLivePost(long postId) {
        posts.findLive(postId).orElseThrow(() -> DomainException.notFound("post"));
    }

    private Instant now() {
        // The database keeps microseconds; truncating here makes what we return equal what we store.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
