package io.community.user.api;

/** A new session: the user's id and the bearer token that names it. */
public record LoginResult(long id, String token) {}
