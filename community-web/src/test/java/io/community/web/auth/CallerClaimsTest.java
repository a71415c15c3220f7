package io.community.web.auth;

import io.community.common.error.DomainException;
import io.community.common.error.ErrorReason;
import io.community.common.identity.Actor;
import io.community.common.identity.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The compatibility fields' one rule: absent, or the caller (the presented token); anything else is 403. */
class CallerClaimsTest {
    private static final Actor ALICE = new Actor(1, Role.USER);
    private static final Actor ADMIN = new Actor(9, Role.ADMIN);

    @Test
    void anAbsentOrOwnUserIdPasses() {
        assertThatCode(() -> CallerClaims.requireCaller(ALICE, null)).doesNotThrowAnyException();
        assertThatCode(() -> CallerClaims.requireCaller(ALICE, 1L)).doesNotThrowAnyException();
    }

    @Test
    void someoneElsesUserIdIsForbiddenEvenForAnAdmin() {
        assertForbidden(() -> CallerClaims.requireCaller(ALICE, 2L), "userId must be the caller");
        assertForbidden(() -> CallerClaims.requireCaller(ALICE, 0L), "userId must be the caller");
        assertForbidden(() -> CallerClaims.requireCaller(ADMIN, 1L), "userId must be the caller");
    }

    @Test
    void logoutsTokenMustBeThePresentedOneWhenGiven() {
        assertThatCode(() -> CallerClaims.requirePresentedToken("t.o.k", null)).doesNotThrowAnyException();
        assertThatCode(() -> CallerClaims.requirePresentedToken("t.o.k", "")).doesNotThrowAnyException();
        assertThatCode(() -> CallerClaims.requirePresentedToken("t.o.k", "t.o.k"))
                .doesNotThrowAnyException();
        assertForbidden(
                () -> CallerClaims.requirePresentedToken("t.o.k", "another.t.o.k"),
                "only the presented session can be logged out");
    }

    private static void assertForbidden(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.reason()).isEqualTo(ErrorReason.FORBIDDEN);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
