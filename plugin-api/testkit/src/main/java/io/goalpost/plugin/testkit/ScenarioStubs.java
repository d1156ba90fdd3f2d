package io.goalpost.plugin.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.goalpost.plugin.api.AdapterException;
import java.util.List;

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

    /**
     * The failures any network's server can have, each on every call at once (token endpoints
     * included), and what they must become: a 503 without a body is a {@code TransientFailure} (the
     * host retries later); an HTML page or a JSON answer cut off mid-value, both with status 200, are a
     * {@code BadResponse} (never an empty page of data). Give them to
     * {@link AdapterConformance.Builder#errorScenarios}; a plugin's own scenarios then cover what is its
     * network's: error bodies, rate-limit signals, one endpoint failing after others answered.
     */
    public static List<AdapterConformance.ErrorScenario> onEveryCall(WireMock wm) {
        return List.of(
                everyCall(wm, "every call answers 503 without a body", WireMock.aResponse().withStatus(503),
                        AdapterException.TransientFailure.class),
                everyCall(wm, "every call answers an HTML page with 200", WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>"),
                        AdapterException.BadResponse.class),
                everyCall(wm, "every call answers JSON cut off mid-value", WireMock.okJson("{\"data\":[{\"id\":\"1"),
                        AdapterException.BadResponse.class));
    }

    private static AdapterConformance.ErrorScenario everyCall(WireMock wm, String name, ResponseDefinitionBuilder answer,
            Class<? extends AdapterException> expected) {
        return new AdapterConformance.ErrorScenario(name,
                () -> wm.register(WireMock.any(WireMock.anyUrl()).atPriority(SCENARIO_PRIORITY).willReturn(answer)),
                expected, false);
    }

    /** A GET of {@code path} (whatever its query) answers {@code answer} until the stubs are reset. */
    public static void answerGet(WireMock wm, String path, ResponseDefinitionBuilder answer) {
        wm.register(get(urlPathEqualTo(path)).atPriority(SCENARIO_PRIORITY).willReturn(answer));
    }
}
