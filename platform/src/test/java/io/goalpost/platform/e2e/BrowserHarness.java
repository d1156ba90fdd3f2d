package io.goalpost.platform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.demo.DemoUsers;
import io.goalpost.platform.plugins.PluginSettings;
import io.goalpost.platform.plugins.PluginTrust;
import io.goalpost.platform.storage.DatabaseUrl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The product with its demo, running in-process on a fresh database, and a headless Chromium
 * pointed at it: what every browser test needs before its first click.
 *
 * <pre>{@code
 * private static BrowserHarness h;
 *
 * @BeforeAll static void start() throws Exception { h = BrowserHarness.start(); h.signIn("admin"); }
 * @AfterAll static void stop() { h.close(); }
 *
 * @Test void accountsAt390() throws IOException {
 *     h.setWidth(390);
 *     h.open("#/accounts");
 *     h.waitFor().until(d -> !d.findElements(By.cssSelector(".accounts-table")).isEmpty());
 *     assertEquals(0L, h.overflow());
 *     h.screenshot("accounts-390.png");
 * }
 * }</pre>
 *
 * <p>The demo's users are {@code admin}, {@code editor} and {@code viewer} (password
 * {@link DemoUsers#PASSWORD}); {@link #get} and {@link #post} call the API with the demo admin's
 * API token. Screenshots go to {@code target/screenshots/}. The window is 1280 × 1000 unless a
 * test sets another width; {@link #setWidth} keeps the height.
 */
public final class BrowserHarness implements AutoCloseable {

    /** The window a test starts with, and {@link #resetWidth()} goes back to. */
    public static final int DEFAULT_WIDTH = 1280;
    public static final int DEFAULT_HEIGHT = 1000;

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ADMIN_PG = System.getProperty("goalpost.test.pg", "postgresql://postgres@127.0.0.1:5432/postgres");
    private static final Path SHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final GoalpostServer server;
    private final Path dataDir;
    private final String base;
    private final WebDriver driver;
    /** The database made for this harness on the local PostgreSQL, dropped on close; empty: the embedded one. */
    private final Optional<String> database;

    private BrowserHarness(GoalpostServer server, Path dataDir, WebDriver driver, Optional<String> database) {
        this.server = server;
        this.database = database;
        this.dataDir = dataDir;
        this.base = "http://127.0.0.1:" + server.port() + "/";
        this.driver = driver;
    }

    /**
     * Starts the server on a free port with a fresh database and the demo (its users, accounts,
     * goals and the networks' loopback sandboxes), and a headless Chromium. Not signed in yet.
     * Fails, rather than skips, when Chromium or chromedriver is missing: a green run must have
     * exercised the UI.
     */
    public static BrowserHarness start() throws Exception {
        return start(true, List.of());
    }

    /**
     * As {@link #start()}, with these plugin catalogs (plugins.json URLs) and the demo's plugin trust
     * (the operator's keys and the build's development key).
     */
    public static BrowserHarness startWithCatalogs(List<URI> catalogs) throws Exception {
        return start(true, catalogs);
    }

    /**
     * A new install: the server on a fresh database with no account, goal or demo sandbox, only the
     * first admin ({@code admin}, password {@link DemoUsers#PASSWORD}); there is no API token
     * ({@link #get} and {@link #post} do not work).
     */
    public static BrowserHarness startWithoutDemo() throws Exception {
        return start(false, List.of());
    }

    private static BrowserHarness start(boolean demo, List<URI> catalogs) throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver):"
                        + " apt-get install chromium chromium-driver, or run .ci/run which installs them");
        Path dataDir = Files.createTempDirectory("goalpost-e2e");
        Path plugins = Path.of(System.getProperty("goalpost.test.plugins-dir", "target/plugins")).toAbsolutePath();
        Optional<String> database = freshDatabase();
        ServerConfig config = new ServerConfig(0, dataDir, database, plugins,
                Set.of("127.0.0.1", "localhost"), true, Duration.ofHours(6)); // the demo's loopback sandboxes
        GoalpostServer server = catalogs.isEmpty() ? GoalpostServer.start(config) : GoalpostServer.start(config, null,
                new PluginSettings(PluginTrust.load(dataDir, List.of(), false).withDevelopmentKey(), catalogs));
        try {
            if (demo) {
                server.runDemo();
            } else {
                server.prepareFirstAdmin(Optional.of("admin"), Optional.of(DemoUsers.PASSWORD));
            }
            Files.createDirectories(SHOTS);
            return new BrowserHarness(server, dataDir, newBrowser(), database);
        } catch (Exception | AssertionError e) {
            server.close();
            database.ifPresent(BrowserHarness::dropDatabase);
            throw e;
        }
    }

    /** The running server. */
    public GoalpostServer server() {
        return server;
    }

    /** The server's data directory (the demo writes its admin API token there). */
    public Path dataDir() {
        return dataDir;
    }

    /** The server's address, ending in "/": {@code base() + "#/accounts"} is a page. */
    public String base() {
        return base;
    }

    /** The browser the harness signs in and navigates. */
    public WebDriver driver() {
        return driver;
    }

    /**
     * Another headless Chromium with a profile of its own (no cookie of any other), for a second
     * person or a visitor without a session. The caller quits it. Like the harness's own browser
     * it logs what the Content-Security-Policy refused ({@link #cspViolations(WebDriver)}).
     */
    public static WebDriver newBrowser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory("goalpost-chromium"),
                "--window-size=" + DEFAULT_WIDTH + "," + DEFAULT_HEIGHT);
        // The browser's console, where Chromium reports what the Content-Security-Policy refused.
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver d = new ChromeDriver(service, options);
        d.manage().window().setSize(new Dimension(DEFAULT_WIDTH, DEFAULT_HEIGHT));
        return d;
    }

    /**
     * Signs the browser in as a demo user through the sign-in page, as a person would: out of any
     * earlier session first, then username and password, then wherever the page sends them.
     */
    public void signIn(String username) {
        driver.get(base + "styles.css"); // the server's origin, without the app running
        driver.manage().deleteAllCookies();
        driver.get(base + "#/sign-in");
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("signin-username"))).sendKeys(username);
        driver.findElement(By.id("signin-password")).sendKeys(DemoUsers.PASSWORD);
        driver.findElement(By.id("signin-submit")).click();
        waitFor().until(d -> d.findElements(By.id("user-menu-button")).stream()
                .anyMatch(b -> b.isDisplayed() && b.getText().startsWith(username + " ")));
        waitFor().until(d -> !d.getCurrentUrl().contains("#/sign-in"));
    }

    /**
     * Goes to a page of the app ("#/accounts"), re-rendering it even when the browser is already
     * there (a same-document hash change alone would not).
     */
    public void open(String hash) {
        driver.get(base + hash);
        ((JavascriptExecutor) driver).executeScript("if (location.hash !== arguments[0]) location.hash = arguments[0];", hash);
    }

    /** Opens a page with a fresh document load (not a same-document hash change). */
    public void load(String hash) {
        driver.get("about:blank");
        driver.get(base + hash);
    }

    /** A 30-second wait on the harness's browser. */
    public WebDriverWait waitFor() {
        return waitFor(driver);
    }

    /**
     * A 30-second wait on another browser. A condition that reads an element the page re-renders meanwhile
     * (a list refreshed every few seconds) is tried again rather than failing the test.
     */
    public static WebDriverWait waitFor(WebDriver d) {
        WebDriverWait wait = new WebDriverWait(d, WAIT);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** Saves what the harness's browser shows to {@code target/screenshots/<name>}. */
    public void screenshot(String name) throws IOException {
        screenshot(driver, name);
    }

    /** Saves what another browser shows to {@code target/screenshots/<name>}. */
    public static void screenshot(WebDriver d, String name) throws IOException {
        Path tmp = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(tmp, SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The Content-Security-Policy messages the harness's browser logged since the last call (the
     * log is drained by reading it: call once to start from a clean slate).
     */
    public List<String> cspViolations() {
        return cspViolations(driver);
    }

    /** The Content-Security-Policy messages another browser logged since the last call. */
    public static List<String> cspViolations(WebDriver d) {
        return d.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy")).toList();
    }

    /** How many pixels the page is wider than the window: 0 when nothing scrolls sideways. */
    public long overflow() {
        return (Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    }

    /** Resizes the window to this width (390 is a phone), keeping the default height. */
    public void setWidth(int width) {
        driver.manage().window().setSize(new Dimension(width, width < 600 ? 900 : DEFAULT_HEIGHT));
    }

    /** Back to the default 1280 × 1000 window. */
    public void resetWidth() {
        driver.manage().window().setSize(new Dimension(DEFAULT_WIDTH, DEFAULT_HEIGHT));
    }

    /** GETs an API path ("/api/accounts") as the demo admin; fails unless it answers 200. */
    public String get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + " answered " + r.body());
        return r.body();
    }

    /** POSTs JSON to an API path as the demo admin; fails unless it answers {@code expected}. */
    public String post(String path, String body, int expected) throws Exception {
        return send("POST", path, body, expected);
    }

    /** Sends JSON with any method (PUT, PATCH, DELETE …) as the demo admin; fails unless it answers {@code expected}. */
    public String send(String method, String path, String body, int expected) throws Exception {
        HttpResponse<String> r = HTTP.send(request(path).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, r.statusCode(), method + " " + path + " answered " + r.body());
        return r.body();
    }

    /** The demo's admin API token as an Authorization header value, for a test's own API calls. */
    public String bearer() throws IOException {
        return "Bearer " + Files.readString(dataDir.resolve(DemoUsers.TOKEN_FILE));
    }

    /** A Java string as a JSON string literal, for building request bodies. */
    public static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Quits the browser and stops the server. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            server.close();
            database.ifPresent(BrowserHarness::dropDatabase);
        }
    }

    /** Drops a database {@link #freshDatabase} made, so that test runs leave none behind. */
    private static void dropDatabase(String url) {
        DatabaseUrl admin = DatabaseUrl.parse(ADMIN_PG);
        String name = DatabaseUrl.parse(url).database();
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (Exception e) {
            // A database left behind costs disk, not correctness; the next run uses a new name.
        }
    }

    private HttpRequest.Builder request(String path) throws IOException {
        return HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + path)).header("Authorization", bearer());
    }

    /** A fresh database on the local PostgreSQL when it answers, else the embedded one. */
    private static Optional<String> freshDatabase() {
        try {
            DatabaseUrl admin = DatabaseUrl.parse(ADMIN_PG);
            String name = "goalpost_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                    Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            }
            String pass = admin.password() == null || admin.password().isEmpty() ? "" : ":" + admin.password();
            return Optional.of("postgresql://" + admin.user() + pass + "@" + admin.host() + ":" + admin.port() + "/" + name);
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
