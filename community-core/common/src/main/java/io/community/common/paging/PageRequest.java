package io.community.common.paging;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.error.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A 0-based page with 1..100 rows; anything else is the caller's mistake (400). */
public record PageRequest(int page, int limit) {
    public static final int MAX_LIMIT = 100;

    public PageRequest {
        List<FieldError> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(new FieldError("page", "must be greater than or equal to 0"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw new DomainException(ErrorReason.INVALID_PARAMS, "invalid paging", Map.of(), errors);
        }
    }

    public static PageRequest of(Integer page, Integer limit) {
        if (page == null || limit == null) {
            List<FieldError> errors = new ArrayList<>();
            if (page == null) {
                errors.add(new FieldError("page", "must not be null"));
            }
            if (limit == null) {
                errors.add(new FieldError("limit", "must not be null"));
            }
            throw new DomainException(ErrorReason.INVALID_PARAMS, "invalid paging", Map.of(), errors);
        }
        return new PageRequest(page, limit);
    }

    public long offset() {
        return (long) page * limit;
    }
}
