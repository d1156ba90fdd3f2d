package io.goalpost.plugin.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;

/**
 * Stubs for a conformance error scenario: one endpoint answers otherwise than the happy path the
 * scenario starts from. The happy-path stubs stay registered (the scenario's other calls still
 * succeed), and the scenario's answer wins by its priority; the next {@code resetStubs} removes it.
 *
 * <p>WireMock is an optional dependency of the kit: declare {@code org.wiremock:wiremock-standalone}
 * (test scope) to use this class.
 */
public final class ScenarioStubs {

    /** Ahead of the happy path's stubs, which keep WireMock's default priority. */
    static final int SCENARIO_PRIORITY = 1;

    private ScenarioStubs() {
    }

    /** A GET of {@code path} (whatever its query) answers {@code answer} until the stubs are reset. */
    public static void answerGet(WireMock wm, String path, ResponseDefinitionBuilder answer) {
        wm.register(get(urlPathEqualTo(path)).atPriority(SCENARIO_PRIORITY).willReturn(answer));
    }
}
