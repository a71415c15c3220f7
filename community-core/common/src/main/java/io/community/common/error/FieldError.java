package io.community.common.error;

import io.micronaut.serde.annotation.Serdeable;

/** One rejected input field, as listed in a 400 answer's {@code data.errors}. */
@Serdeable
public record FieldError(String field, String message) {}
