package io.goalpost.platform.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (from its WebJar on the test classpath) run in the page a browser shows: the serious and
 * critical violations, each with the elements it found, as lines a failing test can print.
 */
final class Axe {

    private static final String RESOURCE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private static String source;

    private Axe() {
    }

    private static synchronized String source() throws IOException {
        if (source == null) {
            try (InputStream in = Axe.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IOException(RESOURCE + " is not on the test classpath (org.webjars.npm:axe-core)");
                }
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return source;
    }

    /**
     * The page's serious and critical violations (WCAG 2 A and AA rules and axe's best practices),
     * one line per rule: "rule (impact): help — target, target …". Empty when there are none.
     */
    @SuppressWarnings("unchecked")
    static List<String> seriousViolations(WebDriver d) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) d;
        // Injected through the driver, not a <script> tag: the app's Content-Security-Policy allows neither.
        if (!Boolean.TRUE.equals(js.executeScript("return !!window.axe;"))) {
            js.executeScript(source());
        }
        d.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object raw = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }))),"
                + " e => done([{ id: 'axe-error', impact: 'critical', help: String(e), targets: [] }]));");
        List<String> out = new ArrayList<>();
        for (Object o : (List<Object>) raw) {
            Map<String, Object> v = (Map<String, Object>) o;
            out.add(v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " — " + v.get("targets"));
        }
        return out;
    }
}
