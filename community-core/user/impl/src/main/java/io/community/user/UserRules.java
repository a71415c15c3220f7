package io.community.user;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.error.FieldError;
import io.community.user.api.ProfileChanges;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The user context's input rules, checked by the service whatever the transport, so a gRPC
 * caller cannot skip what the HTTP adapter's annotations document.
 */
final class UserRules {
    static final int PASSWORD_MIN_BYTES = 8;
    static final int PASSWORD_MAX_BYTES = 72; // bcrypt ignores everything after 72 bytes
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern CODE = Pattern.compile("^\\d{6}$");

    private UserRules() {}

    static String email(String raw) {
        String email = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw DomainException.invalidField("email", "must be a well-formed email address");
        }
        return email;
    }

    static void code(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw DomainException.invalidField("emailCode", "must be 6 digits");
        }
    }

    static void newPassword(String field, String password) {
        int bytes = password == null ? 0 : password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < PASSWORD_MIN_BYTES || bytes > PASSWORD_MAX_BYTES) {
            throw DomainException.invalidField(
                    field, "must be " + PASSWORD_MIN_BYTES + " to " + PASSWORD_MAX_BYTES + " bytes long");
        }
    }

    static void profile(ProfileChanges c) {
        List<FieldError> errors = new ArrayList<>();
        length(errors, "name", c.name(), 50);
        length(errors, "nickName", c.nickName(), 50);
        length(errors, "phone", c.phone(), 30);
        length(errors, "avatar", c.avatar(), 255);
        if (c.gender() != null && (c.gender() < 0 || c.gender() > 2)) {
            errors.add(new FieldError("gender", "must be between 0 and 2"));
        }
        if (c.age() != null && (c.age() < 0 || c.age() > 150)) {
            errors.add(new FieldError("age", "must be between 0 and 150"));
        }
        if (c.birthday() != null && !c.birthday().isEmpty()) {
            try {
                LocalDate.parse(c.birthday());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("birthday", "must be a date as yyyy-MM-dd"));
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException(ErrorReason.INVALID_PARAMS, "invalid profile", Map.of(), errors);
        }
    }

    private static void length(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }
}
