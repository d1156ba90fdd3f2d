package io.goalpost.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.plugins.PluginZips;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The plugins page drives an upgrade, a disable/enable and a refused upload on the running demo. */
class PluginsPageBrowserTest {

    private static BrowserHarness h;
    private static PluginsPage page;

    @BeforeAll
    static void start() throws Exception {
        h = BrowserHarness.start();
        h.signIn("admin");
        page = new PluginsPage(h);
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    private static WebElement card(String id) {
        return h.driver().findElement(By.cssSelector("article.plugin-card[data-plugin-id='" + id + "']"));
    }

    private static void upload(Path zip) {
        h.driver().findElement(By.id("plugin-upload-file")).sendKeys(zip.toString());
        h.driver().findElement(By.cssSelector("form.plugin-upload button[type=submit]")).click();
    }

    @Test
    void anAdminUpgradesDisablesAndEnablesAPluginAndSeesARefusedUploadWithItsReason() throws Exception {
        long pid = ProcessHandle.current().pid();
        h.open("#/plugins");
        h.waitFor().until(d -> page.version("x").equals("0.1.0-SNAPSHOT"));
        assertThat(card("x").getText()).contains("Goalpost development key - not for production");
        assertThat(h.driver().findElements(By.cssSelector(".plugin-warning"))).anySatisfy(w ->
                assertThat(w.getText()).contains("development signing key"));

        Path dir = Files.createTempDirectory("goalpost-upload");
        Path newer = Files.write(dir.resolve("goalpost-plugin-x-0.2.0.zip"), PluginZips.version("x", "0.2.0"));
        upload(newer);
        h.waitFor().until(d -> page.version("x").equals("0.2.0"));
        assertThat(page.state("x")).isEqualTo("STARTED");
        assertThat(h.driver().findElement(By.cssSelector(".plugin-status")).getText()).contains("done").contains("x 0.2.0");
        h.screenshot("plugins-upgraded.png");

        card("x").findElement(By.cssSelector("button[aria-label='Disable x']")).click();
        h.waitFor().until(d -> page.state("x").equals("DISABLED"));
        assertThat(h.get("/api/networks")).doesNotContain("\"id\":\"x\"");
        h.open("#/accounts");
        h.waitFor().until(d -> d.findElement(By.tagName("main")).getText().contains("Plugin disabled"));

        h.open("#/plugins");
        h.waitFor().until(d -> page.state("x").equals("DISABLED"));
        card("x").findElement(By.cssSelector("button[aria-label='Enable x']")).click();
        h.waitFor().until(d -> page.state("x").equals("STARTED"));
        assertThat(h.get("/api/networks")).contains("\"id\":\"x\"");

        Path tampered = Files.write(dir.resolve("x-tampered.zip"), PluginZips.tampered(PluginZips.built("x")));
        upload(tampered);
        h.waitFor().until(d -> d.findElement(By.cssSelector(".plugin-status")).getText().contains("bad signature"));
        h.waitFor().until(d -> !d.findElements(By.cssSelector("tr[data-refused-file='x-tampered.zip']")).isEmpty());
        assertThat(page.version("x")).isEqualTo("0.2.0");

        page.fitsAPhoneShowing("x", "0.2.0", "plugins-390.png");
        assertThat(h.cspViolations()).isEmpty();
        assertThat(ProcessHandle.current().pid()).as("same process: no restart").isEqualTo(pid);
    }
}
