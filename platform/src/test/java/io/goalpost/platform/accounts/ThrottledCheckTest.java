package io.goalpost.platform.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which failures of a connection check mean "not verified yet, checked later" (the account is saved as
 * pending_check, 202) rather than "the credentials failed" (422): the network throttling the app, by a
 * rate limit or by a quota whose reset it names (LinkedIn's daily limit). A quota without a known end
 * waits for a person, and every other failure is a failure.
 */
class ThrottledCheckTest {

    private static final Instant LATER = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    void aRateLimitOrAQuotaWithAKnownResetIsCheckedLater() {
        assertThat(AccountService.throttledUntil(new AdapterException.RateLimited("slow down", LATER))).contains(LATER);
        assertThat(AccountService.throttledUntil(new AdapterException.QuotaExhausted("daily limit", LATER))).contains(LATER);
    }

    @Test
    void aQuotaWithoutAnEndAndEveryOtherFailureAreFailures() {
        for (AdapterException e : List.of(new AdapterException.QuotaExhausted("no credits left", null),
                new AdapterException.AuthExpired("revoked"), new AdapterException.TransientFailure("timeout"),
                new AdapterException.BadResponse("garbled"))) {
            assertThat(AccountService.throttledUntil(e)).as(e.kind()).isEmpty();
        }
    }
}
