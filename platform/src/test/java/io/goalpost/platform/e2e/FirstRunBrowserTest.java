package io.goalpost.platform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * A brand-new install (no account, no goal) in a real Chromium: the dashboard shows the first-run
 * checklist (connect an account → import what the APIs do not give → create a goal) and offers to
 * connect an account, not the goal wizard, which itself says to connect an account first instead of
 * failing at its last step; both pages pass axe at 1440 and 390 px without sideways scroll.
 */
class FirstRunBrowserTest {

    private static BrowserHarness h;
    private static WebDriver driver;

    @BeforeAll
    static void startAll() throws Exception {
        h = BrowserHarness.startWithoutDemo();
        driver = h.driver();
        h.signIn("admin");
    }

    @AfterAll
    static void stopAll() {
        if (h != null) {
            h.close();
        }
    }

    private static void settled() {
        h.waitFor().until(d -> !d.findElements(By.cssSelector("#view h1")).isEmpty()
                && d.findElements(By.cssSelector("#view .loading")).isEmpty());
    }

    @Test
    void aNewInstallIsLedThroughConnectImportAndGoalInThatOrder() throws Exception {
        h.open("#/dashboard");
        settled();
        WebElement list = h.waitFor().until(d -> d.findElement(By.id("first-run")));
        List<String> steps = list.findElements(By.cssSelector(".checklist li strong")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("Connect an account", "Import what the APIs do not give", "Create a goal"), steps);
        assertTrue(driver.findElement(By.id("first-run-connect")).isDisplayed(), "connecting is the first thing offered");
        assertTrue(driver.findElements(By.id("first-run-goal")).isEmpty(), "no goal before an account");
        assertTrue(driver.findElements(By.cssSelector("#view a[href='#/goals/new']")).stream().noneMatch(WebElement::isDisplayed),
                "the page offers no goal wizard before an account exists");
        h.screenshot("first-run-dashboard-1440.png");
        driver.findElement(By.id("first-run-connect")).click();
        h.waitFor().until(d -> d.findElement(By.cssSelector("#view h1")).getText().equals("Accounts"));

        h.open("#/goals/new");
        settled();
        String said = driver.findElement(By.id("wiz-no-accounts")).getText();
        assertTrue(said.contains("Connect one first"), said);
        assertTrue(driver.findElements(By.id("wiz-save")).isEmpty(), "no form that could only fail");

        List<String> problems = new ArrayList<>();
        for (int width : new int[] {1440, 390}) {
            h.setWidth(width);
            for (String page : List.of("#/dashboard", "#/goals/new", "#/accounts")) {
                h.open(page);
                settled();
                for (String v : Axe.seriousViolations(driver)) {
                    problems.add(page + " at " + width + " px: " + v);
                }
                if (width == 390 && h.overflow() > 0) {
                    problems.add(page + " at 390 px scrolls sideways by " + h.overflow() + " px");
                }
                h.screenshot("first-run-" + page.replaceAll("[^a-z]+", "-").replaceAll("^-|-$", "") + "-" + width + ".png");
            }
        }
        h.resetWidth();
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
