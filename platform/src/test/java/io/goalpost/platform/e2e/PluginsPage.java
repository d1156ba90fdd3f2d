package io.goalpost.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** What the plugins page shows of a plugin, read the way its browser tests need it. */
final class PluginsPage {

    private final BrowserHarness h;

    PluginsPage(BrowserHarness h) {
        this.h = h;
    }

    /** The version on the plugin's card, or "" while it has none. */
    String version(String id) {
        return h.driver().findElements(By.cssSelector("article.plugin-card[data-plugin-id='" + id + "'] .plugin-version")).stream()
                .findFirst().map(WebElement::getText).orElse("");
    }

    /** The state on the plugin's card (STARTED, DISABLED, FAILED), or "" when it has no card. */
    String state(String id) {
        return h.driver().findElements(By.cssSelector("article.plugin-card[data-plugin-id='" + id + "']")).stream()
                .findFirst().map(e -> e.getAttribute("data-state")).orElse("");
    }

    /** At phone width the page, showing {@code id} at {@code version}, scrolls nowhere sideways; saved as {@code screenshot}. */
    void fitsAPhoneShowing(String id, String version, String screenshot) throws Exception {
        h.setWidth(390);
        try {
            h.open("#/plugins");
            h.waitFor().until(d -> version(id).equals(version));
            assertThat(h.overflow()).isZero();
            h.screenshot(screenshot);
        } finally {
            h.resetWidth();
        }
    }
}
