package io.community.web.post;

import io.community.common.error.DomainException;
import io.community.common.identity.Actor;
import io.community.common.paging.Page;
import io.community.common.paging.PageRequest;
import io.community.creation.api.DelFlag;
import io.community.creation.api.PostUseCases;
import io.community.web.compose.Authors;
import io.community.web.envelope.Envelope;
import io.community.web.post.PostRequests.CreatePostRequest;
import io.community.web.post.PostRequests.DeletePostRequest;
import io.community.web.post.PostRequests.IdRequest;
import io.community.web.post.PostRequests.IdsRequest;
import io.community.web.post.PostRequests.PageBody;
import io.community.web.post.PostRequests.UpdatePostRequest;
import io.community.web.post.PostRequests.UserPostsRequest;
import io.community.web.post.PostViews.PostInfoView;
import io.community.web.post.PostViews.PostListView;
import io.community.web.post.PostViews.PostPageView;
import io.micrometer.core.annotation.Counted;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.Map;

/**
 * Posts. The author is always the token's subject; deleted posts are never returned (404 or left
 * out). Every post carries its {@code author}, looked up once per page.
 */
@Controller("/api/v1/post")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "post")
@SecurityRequirement(name = "bearerAuth")
@ApiResponse(responseCode = "400", description = "invalid parameters (10001, data.errors lists the fields); "
        + "no text, pictures or video (20411); pictures and video together (20412); incomplete video (20413)")
@ApiResponse(responseCode = "401", description = "missing, invalid, expired or revoked token (20612, 20615)")
@ApiResponse(responseCode = "403", description = "userId is not the caller, or not the post's author / an admin (10008)")
@ApiResponse(responseCode = "404", description = "no such post, or deleted (10004)")
public class PostController {
    private final PostUseCases posts;
    private final Authors authors;

    public PostController(PostUseCases posts, Authors authors) {
        this.posts = posts;
        this.authors = authors;
    }

    @Post
    @Counted(value = "community.posts", description = "Posts created, by result")
    @Operation(summary = "Create a post",
            description = "The type follows the content: a video makes a video post (3), pictures an image post (2), "
                    + "text alone a text post (1).")
    public Envelope<PostInfoView> create(@Parameter(hidden = true) Actor actor,
                                         @Body @Valid CreatePostRequest request) {
        io.community.creation.api.Post post = posts.create(actor, request.userId(), request.toDraft());
        return Envelope.ok(new PostInfoView(PostView.of(post, authors.of(post.userId()))));
    }

    @Put("/update")
    @Operation(summary = "Edit a post (author only)",
            description = "Replaces title and content; the type follows the new content (a video post edited to "
                    + "text becomes a text post).")
    public Envelope<Map<String, Object>> update(@Parameter(hidden = true) Actor actor,
                                                @Body @Valid UpdatePostRequest request) {
        posts.update(actor, request.id(), request.toDraft());
        return Envelope.ok();
    }

    @Post("/delete")
    @Operation(summary = "Delete a post",
            description = "delFlag 1: the author deletes; 2: an admin deletes. The post leaves every list, its "
                    + "comments and likes go with it and collects of it are hidden.")
    public Envelope<Map<String, Object>> delete(@Parameter(hidden = true) Actor actor,
                                                @Body @Valid DeletePostRequest request) {
        DelFlag flag = DelFlag.fromCode(request.delFlag())
                .filter(f -> f != DelFlag.NONE)
                .orElseThrow(() -> DomainException.invalidField("delFlag", "must be 1 (by the owner) or 2 (by an admin)"));
        posts.delete(actor, request.id(), request.userId(), flag);
        return Envelope.ok();
    }

    @Get("/{id}")
    @Operation(summary = "Get a post")
    public Envelope<PostInfoView> get(@Parameter(hidden = true) Actor actor, @PathVariable long id) {
        io.community.creation.api.Post post = posts.get(id);
        return Envelope.ok(new PostInfoView(PostView.of(post, authors.of(post.userId()))));
    }

    @Post("/list/ids")
    @Operation(summary = "Posts by id", description = "1 to 100 ids; in input order, absent and deleted posts left out.")
    public Envelope<PostListView> byIds(@Parameter(hidden = true) Actor actor, @Body @Valid IdsRequest request) {
        return Envelope.ok(new PostListView(PostView.list(posts.getByIds(request.ids()), authors)));
    }

    @Post("/user/list")
    @Operation(summary = "A user's posts, newest first")
    public Envelope<PostPageView> byUser(@Parameter(hidden = true) Actor actor,
                                         @Body @Valid UserPostsRequest request) {
        return page(posts.listByUser(request.userId(), PageRequest.of(request.page(), request.limit())));
    }

    @Post("/latest/list")
    @Operation(summary = "All posts, newest first")
    public Envelope<PostPageView> latest(@Parameter(hidden = true) Actor actor, @Body @Valid PageBody request) {
        return page(posts.latest(PageRequest.of(request.page(), request.limit())));
    }

    @Post("/hot/list")
    @Operation(summary = "All posts by hot score",
            description = "hot = log10(1 + 3·likes + 5·comments + 4·collects + 6·shares + 0.1·views) + "
                    + "createdAt/45000: each tenfold of engagement is worth 12.5 hours of recency.")
    public Envelope<PostPageView> hot(@Parameter(hidden = true) Actor actor, @Body @Valid PageBody request) {
        return page(posts.hot(PageRequest.of(request.page(), request.limit())));
    }

    @Post("/view")
    @Operation(summary = "Count a view", description = "viewCount + 1.")
    public Envelope<Map<String, Object>> view(@Parameter(hidden = true) Actor actor, @Body @Valid IdRequest request) {
        posts.view(request.id());
        return Envelope.ok();
    }

    @Post("/share")
    @Operation(summary = "Count a share", description = "shareCount + 1.")
    public Envelope<Map<String, Object>> share(@Parameter(hidden = true) Actor actor, @Body @Valid IdRequest request) {
        posts.share(request.id());
        return Envelope.ok();
    }

    private Envelope<PostPageView> page(Page<io.community.creation.api.Post> page) {
        return Envelope.ok(new PostPageView(PostView.list(page.items(), authors), page.total()));
    }
}
