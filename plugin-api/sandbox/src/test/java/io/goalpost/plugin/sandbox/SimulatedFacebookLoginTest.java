package io.goalpost.plugin.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@code /me/accounts} listing the Facebook and Instagram sandboxes share: paging, the permission it
 * needs, the fields every Page has and the ones a sandbox adds. (Both sandboxes' sign-in tests drive the
 * rest of the Login through the real authorizers.)
 */
final class SimulatedFacebookLoginTest {

    private static final String BASE = "http://127.0.0.1:18080/v25.0";
    private static final String REDIRECT = "https://goalpost.example.com/api/oauth/facebook/callback";
    private static final Instant NOW = Instant.parse("2026-09-15T18:00:00Z");

    private record Page(String id, String name, String category, String token, String username)
            implements SimulatedFacebookLogin.ManagedPage {
    }

    private final SimulatedFacebookLogin<Page> login = new SimulatedFacebookLogin<>(
            SimulatedFacebookLogin.Settings.demo("app", "app-secret", Set.of("public_profile", "pages_show_list",
                    "read_insights"), "sandbox-test-", "Test sandbox"),
            List.of(new Page("104857600000001", "Acme Coffee", "Coffee Shop", "page-token-1", "acmecoffee"),
                    new Page("104857600000002", "Acme Outdoor", "Outdoor", "page-token-2", "acmeoutdoor"),
                    new Page("104857600000003", "Acme Careers", "Employment Agency", "page-token-3", "acmecareers")));

    @Test
    void theListPagesThroughThePagesWhenAskedForFewer() {
        SimulatedFacebookLogin.UserToken user = signIn("pages_show_list,read_insights");

        Map<String, Object> first = accounts("?fields=id,name,access_token&limit=2", user);
        assertThat(first.toString()).contains("104857600000001").contains("104857600000002")
                .doesNotContain("104857600000003");
        Map<String, Object> paging = map(first.get("paging"));
        assertThat(paging).containsKey("next");
        Object after = map(paging.get("cursors")).get("after");

        Map<String, Object> second = accounts("?fields=id,name,access_token&limit=2&after=" + after, user);
        assertThat(second.toString()).contains("104857600000003");
        assertThat(map(second.get("paging"))).doesNotContainKey("next");
    }

    @Test
    void eachPageHasTheFieldsAskedForWithItsTokenAndTheSandboxsOwnFields() {
        SimulatedFacebookLogin.UserToken user = signIn("pages_show_list");

        List<?> data = (List<?>) accounts("?fields=id,username,access_token,tasks", user).get("data");

        assertThat(data).hasSize(3);
        assertThat(map(data.get(0))).containsExactly(Map.entry("id", (Object) "104857600000001"),
                Map.entry("username", "acmecoffee"), Map.entry("access_token", "page-token-1"),
                Map.entry("tasks", (Object) List.of("ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE")));
        assertThatThrownBy(() -> accounts("?fields=id,fan_count", user)).hasMessage("fan_count");
    }

    @Test
    void withoutPagesShowListThePersonHasNoPagesToList() {
        SimulatedFacebookLogin.UserToken user = signIn("read_insights");

        Map<String, Object> answer = accounts("", user);

        assertThat((List<?>) answer.get("data")).isEmpty();
        assertThat(answer).doesNotContainKey("paging");
    }

    @Test
    void aLimitThatIsNotANumberIsGraphsInvalidParameter() {
        SimulatedFacebookLogin.UserToken user = signIn("pages_show_list");

        assertThatThrownBy(() -> accounts("?limit=ten", user)).hasMessage("Param limit must be a number");
    }

    /** The person approves {@code scopes} in the dialog and the code is exchanged for their user token. */
    private SimulatedFacebookLogin.UserToken signIn(String scopes) {
        HttpResponse approved = login.dialog(get("/dialog/oauth?client_id=app&redirect_uri=" + Urls.encode(REDIRECT)
                + "&scope=" + Urls.encode(scopes) + "&state=s&approve=yes"), NOW);
        String code = Urls.queryParams(URI.create(approved.header("Location"))).get("code");
        HttpResponse token = login.accessToken(get("/oauth/access_token?client_id=app&client_secret=app-secret"
                + "&redirect_uri=" + Urls.encode(REDIRECT) + "&code=" + Urls.encode(code)), NOW);
        String accessToken = token.bodyText().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        return login.userToken(accessToken, NOW).orElseThrow();
    }

    /** {@code /me/accounts} with the fields asked for (the common ones when none are), as a sandbox lists them. */
    private Map<String, Object> accounts(String query, SimulatedFacebookLogin.UserToken user) {
        HttpRequest request = get("/me/accounts" + query);
        String asked = Urls.queryParams(request.uri()).get("fields");
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (String field : asked == null ? SimulatedFacebookLogin.ACCOUNT_FIELDS : List.of(asked.split(","))) {
            fields.put(field, "");
        }
        return login.accounts(request, user, fields, IllegalArgumentException::new, (page, field, nested) -> {
            if (field.equals("username")) {
                return page.username();
            }
            throw new IllegalArgumentException(field);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static HttpRequest get(String pathAndQuery) {
        return HttpRequest.get(URI.create(BASE + pathAndQuery));
    }
}
