package io.community.web.compose;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.community.user.api.UserSummary;
import io.micronaut.serde.annotation.Serdeable;

/** The {@code author} embedded in posts and comments, so lists need no second round trip. */
// ALWAYS: serde would drop empty strings, and clients expect all four fields
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuthorView(long id, String name, String nickName, String avatar) {

    static AuthorView of(UserSummary user) {
        return new AuthorView(user.id(), user.name(), user.nickName(), user.avatar());
    }

    /** A deleted or unknown author still has an id, never a null object. */
    static AuthorView unknown(long id) {
        return new AuthorView(id, "", "", "");
    }
}
