package io.goalpost.platform.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a changed URL setting counts as a new address for the token (PUT /api/accounts/{id}). */
final class SameUrlTest {

    @Test
    void spellingsOfTheSameAddressAreTheSame() {
        assertThat(AccountService.sameUrl("https://graph.facebook.com/v25.0", "https://graph.facebook.com/v25.0")).isTrue();
        assertThat(AccountService.sameUrl("https://graph.facebook.com/v25.0", "HTTPS://Graph.Facebook.com:443/v25.0/")).isTrue();
        assertThat(AccountService.sameUrl("http://127.0.0.1:80/v1", " http://127.0.0.1/v1 ")).isTrue();
    }

    @Test
    void anotherSchemeHostPortPathOrQueryIsANewAddress() {
        String base = "https://graph.facebook.com/v25.0";
        assertThat(AccountService.sameUrl(base, "http://graph.facebook.com/v25.0")).isFalse();
        assertThat(AccountService.sameUrl(base, "https://graph.facebook.com.evil.example/v25.0")).isFalse();
        assertThat(AccountService.sameUrl(base, "https://graph.facebook.com:8443/v25.0")).isFalse();
        assertThat(AccountService.sameUrl(base, "https://graph.facebook.com/v24.0")).isFalse();
        assertThat(AccountService.sameUrl(base, "https://graph.facebook.com/v25.0?tenant=b")).isFalse();
        assertThat(AccountService.sameUrl(base, "https://user@graph.facebook.com/v25.0")).isFalse();
        assertThat(AccountService.sameUrl(base, "")).isFalse();
    }
}
