package io.goalpost.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.plugins.PluginZips;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The plugins page installs and upgrades from a plugin catalog (a file: plugins.json): an upgrade
 * keeps the network's accounts, a plugin not installed is installed, and a download whose checksum
 * does not match the catalog is refused with the reason while the running version stays.
 */
class PluginCatalogBrowserTest {

    private static BrowserHarness h;
    private static PluginsPage page;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("goalpost-catalog-e2e");
        byte[] x2 = PluginZips.version("x", "0.2.0");
        byte[] pinterest3 = PluginZips.version("pinterest", "0.3.0");
        Files.write(dir.resolve("x-0.2.0.zip"), x2);
        Files.write(dir.resolve("pinterest-0.3.0.zip"), pinterest3);
        Files.write(dir.resolve("tiktok-0.9.0.zip"), PluginZips.version("tiktok", "0.9.0"));
        JsonArray index = new JsonArray()
                .add(entry("x", "X adapter, with threads", "0.2.0", "x-0.2.0.zip", sha512(x2)))
                .add(entry("pinterest", "Pinterest adapter", "0.3.0", "pinterest-0.3.0.zip", sha512(pinterest3)))
                // The catalog's checksum is of other bytes: a damaged or replaced download.
                .add(entry("tiktok", "TikTok adapter", "0.9.0", "tiktok-0.9.0.zip", "ab".repeat(64)));
        Files.writeString(dir.resolve("plugins.json"), index.encodePrettily());
        h = BrowserHarness.startWithCatalogs(List.of(dir.resolve("plugins.json").toUri()));
        h.signIn("admin");
        page = new PluginsPage(h);
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    private static JsonObject entry(String id, String description, String version, String url, String sha512) {
        return new JsonObject().put("id", id).put("description", description).put("provider", "Goalpost")
                .put("releases", new JsonArray().add(new JsonObject().put("version", version).put("date", "2026-12-01")
                        .put("requires", ">=2.0.0 & <3.0.0").put("url", url).put("sha512sum", sha512)));
    }

    private static String sha512(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    }

    private static List<WebElement> button(String label) {
        return h.driver().findElements(By.cssSelector("button[aria-label='" + label + "']"));
    }

    private static String status() {
        return h.driver().findElement(By.cssSelector(".plugin-status")).getText();
    }

    /** Starts recording what the status line says, and how many controls of the page are usable at that moment. */
    private static void recordProgress() {
        ((JavascriptExecutor) h.driver()).executeScript("""
                window.__progress = [];
                const status = document.querySelector('.plugin-status');
                new MutationObserver(() => window.__progress.push({text: status.textContent,
                    usable: [...document.querySelectorAll('main button, main input')].filter(b => !b.disabled).length,
                    busy: document.querySelector('[aria-busy=true]') !== null}))
                  .observe(status, {childList: true, characterData: true, subtree: true});""");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> progress() {
        return (List<Map<String, Object>>) ((JavascriptExecutor) h.driver()).executeScript("return window.__progress;");
    }

    private static List<String> accountsOf(String network) throws Exception {
        return new JsonArray(h.get("/api/accounts")).stream().map(JsonObject.class::cast)
                .filter(a -> network.equals(a.getString("network"))).map(a -> a.getValue("id") + " " + a.getString("name"))
                .sorted().toList();
    }

    @Test
    void anAdminUpgradesAndInstallsFromTheCatalogAndSeesARefusedDownloadWithItsReason() throws Exception {
        long pid = ProcessHandle.current().pid();
        List<String> xAccounts = accountsOf("x");
        assertThat(xAccounts).as("the demo has X accounts").isNotEmpty();
        h.open("#/plugins");
        h.waitFor().until(d -> !button("Upgrade x 0.2.0").isEmpty());
        assertThat(h.driver().findElement(By.cssSelector("tr[data-available-id='x']")).getText())
                .contains("X adapter, with threads").contains("0.2.0").contains("0.1.0-SNAPSHOT").contains("Goalpost");
        assertThat(h.cspViolations()).isEmpty();

        // Upgrade: while it works the page says so and no other change can be started; then the new version runs.
        recordProgress();
        button("Upgrade x 0.2.0").get(0).click();
        h.waitFor().until(d -> page.version("x").equals("0.2.0") && status().contains("done"));
        assertThat(status()).contains("Upgrading x 0.2.0: done").contains("x 0.2.0, started");
        assertThat(progress()).first().satisfies(p -> {
            assertThat(p.get("text")).isEqualTo("Upgrading x 0.2.0…");
            assertThat(p.get("usable")).as("every button is disabled while it works").isEqualTo(0L);
            assertThat(p.get("busy")).isEqualTo(true);
        });
        assertThat(page.state("x")).isEqualTo("STARTED");
        assertThat(button("Upgrade x 0.2.0")).as("nothing newer to upgrade to").isEmpty();
        assertThat(h.driver().findElement(By.cssSelector("tr[data-available-id='x']")).getText()).contains("0.2.0");
        assertThat(accountsOf("x")).as("the accounts of X are still there").isEqualTo(xAccounts);
        h.screenshot("plugins-catalog-upgraded.png");
        h.open("#/accounts");
        h.waitFor().until(d -> d.findElement(By.tagName("main")).getText().contains(xAccounts.get(0).substring(
                xAccounts.get(0).indexOf(' ') + 1)));
        assertThat(h.driver().findElement(By.tagName("main")).getText()).doesNotContain("Plugin missing")
                .doesNotContain("Plugin disabled");

        // A download that does not match the catalog's checksum: refused, the reason shown, the running version kept.
        h.open("#/plugins");
        h.waitFor().until(d -> !button("Upgrade tiktok 0.9.0").isEmpty());
        button("Upgrade tiktok 0.9.0").get(0).click();
        h.waitFor().until(d -> status().contains("failed"));
        assertThat(status()).startsWith("Upgrading tiktok 0.9.0 failed: wrong checksum");
        h.waitFor().until(d -> !d.findElements(By.cssSelector("tr[data-refused-file='tiktok-0.9.0.zip']")).isEmpty());
        assertThat(h.driver().findElement(By.cssSelector("tr[data-refused-file='tiktok-0.9.0.zip']")).getText())
                .contains("does not match the sha512sum in the catalog");
        assertThat(page.version("tiktok")).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(page.state("tiktok")).isEqualTo("STARTED");
        assertThat(h.get("/api/networks")).contains("\"id\":\"tiktok\"");
        assertThat(button("Upgrade tiktok 0.9.0")).as("it can be tried again once the catalog is fixed").isNotEmpty();
        h.screenshot("plugins-catalog-refused.png");
        button("Dismiss tiktok-0.9.0.zip").get(0).click();
        h.waitFor().until(d -> d.findElements(By.cssSelector("tr[data-refused-file='tiktok-0.9.0.zip']")).isEmpty()
                && status().contains("done"));
        assertThat(status()).isEqualTo("Dismissing tiktok-0.9.0.zip: done.");

        // Install a plugin that is not installed: remove Pinterest, then install it from the catalog.
        button("Remove pinterest").get(0).click();
        h.driver().switchTo().alert().accept();
        h.waitFor().until(d -> page.state("pinterest").isEmpty() && !button("Install pinterest 0.3.0").isEmpty());
        assertThat(h.driver().findElement(By.cssSelector("tr[data-available-id='pinterest']")).getText()).contains("—");
        button("Install pinterest 0.3.0").get(0).click();
        h.waitFor().until(d -> page.version("pinterest").equals("0.3.0"));
        assertThat(page.state("pinterest")).isEqualTo("STARTED");
        assertThat(status()).contains("Installing pinterest 0.3.0: done");
        assertThat(h.get("/api/networks")).contains("\"id\":\"pinterest\"");

        page.fitsAPhoneShowing("pinterest", "0.3.0", "plugins-catalog-390.png");
        assertThat(h.cspViolations()).isEmpty();
        assertThat(ProcessHandle.current().pid()).as("same process: no restart").isEqualTo(pid);
    }
}
