package io.goalpost.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigIssue;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.FieldType;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import io.goalpost.plugin.api.PostSnapshot;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * The checks every network adapter must pass, written once. A plugin runs it from one test method
 * against its own WireMock stubs (or its sandbox):
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> conformance() {
 *     return AdapterConformance.forFactory(new MyFactory())
 *             .config(Map.of("access_token", "t0k", "api_base_url", wiremock.getHttpBaseUrl()))
 *             .range(new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)))
 *             .clock(Clock.fixed(Instant.parse("2026-04-02T12:00:00Z"), ZoneOffset.UTC))
 *             .errorScenario("429", () -> stubFor(...), AdapterException.RateLimited.class)
 *             .resetStubs(this::stubHappyPath)
 *             .tests();
 * }
 * }</pre>
 *
 * <p>What it checks: the self-description is complete and consistent; the config used names the
 * account in the descriptor's identity field, if it has one; only canonical or namespaced metric ids
 * are emitted; points fall inside the requested range, one per metric and day; metrics the network
 * cannot report (and those the stub leaves out) are absent rather than 0, as account points and as post
 * metrics alike; a post carries only metrics the descriptor reports (or network-only ones in the
 * network's own namespace); posts were published inside the requested range (in the account's
 * reporting zone); resuming from any returned cursor neither skips nor repeats data; re-reading the same
 * range returns the same points and posts, no more; a corrupt cursor is a {@code CursorInvalid}; every
 * error signal surfaces as the expected typed error; no secret appears in an exception message.
 *
 * <p>Rules of the descriptor it enforces beyond {@code AdapterDescriptor}'s own validation: the docs
 * URL is {@code https://}; every config field has a label and a help text; a field whose key contains
 * {@code token}, {@code secret} or {@code password} is a {@code SECRET}; the descriptor names a host to
 * call ({@code allowedHosts} or a field whose host is allowed per account); unavailable metrics are
 * canonical and give a reason; a request's largest range fits in the lookback.
 *
 * <p>Each check is a {@link DynamicTest} named by its rule, and Maven's console names a failing one by
 * that rule ({@code FooConformanceTest.unreported metrics are absent, not 0 -- Time elapsed ... FAILURE!})
 * rather than {@code conformance()[N]}. For the XML reports to carry the names as well, configure
 * Surefire's {@code statelessTestsetReporter} with {@code usePhrasedTestCaseMethodName}; the Goalpost
 * parent POM and the archetype's generated POM do.
 */
public final class AdapterConformance {

    /** The source URI of each rule: not a class or method, so that reports name the test by the rule. */
    static final String RULE_SOURCE = "urn:goalpost:conformance-rule:";

    private final NetworkAdapterFactory factory;
    private final Map<String, String> config;
    private final DateRange range;
    private final Clock clock;
    private final Set<MetricId> expectAbsent;
    private final List<ErrorScenario> errorScenarios;
    private final Runnable resetStubs;
    private final Supplier<TestAdapterContext> contexts;
    private final int resumeChecks;

    private AdapterConformance(Builder b) {
        this.factory = b.factory;
        this.config = Map.copyOf(b.config);
        this.range = b.range;
        this.clock = b.clock;
        this.expectAbsent = Set.copyOf(b.expectAbsent);
        this.errorScenarios = List.copyOf(b.errorScenarios);
        this.resetStubs = b.resetStubs;
        this.contexts = b.contexts != null ? b.contexts
                : () -> new TestAdapterContext(new JdkHttpPort(), b.clock);
        this.resumeChecks = b.resumeChecks;
    }

    /** Starts a conformance run for a factory. */
    public static Builder forFactory(NetworkAdapterFactory factory) {
        return new Builder(factory);
    }

    /** An error signal the stubs can produce and the typed error it must surface as. */
    public record ErrorScenario(String name, Runnable arrange, Class<? extends AdapterException> expected,
            boolean duringCheck) {
    }

    /** The dynamic tests, one per property. */
    public Stream<DynamicTest> tests() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(rule("descriptor is complete and consistent", this::descriptorIsConsistent));
        tests.add(rule("config used by the test passes the spec", this::configPassesSpec));
        tests.add(rule("config used by the test names the account in the identity field",
                this::identityFieldHasAValue));
        tests.add(rule("check returns the account identity", this::checkReturnsIdentity));
        tests.add(rule("fetch emits valid points inside the range, once per metric and day",
                this::fetchEmitsValidPoints));
        tests.add(rule("unreported metrics are absent, not 0", this::unreportedMetricsAbsent));
        tests.add(rule("posts carry only reportable metrics, never one the network cannot report",
                this::postMetricsAreReportable));
        tests.add(rule("posts were published inside the requested range",
                this::postsInsideTheRange));
        tests.add(rule("resuming from any cursor neither skips nor repeats data",
                this::resumeNeitherSkipsNorRepeats));
        tests.add(rule("re-reading the same range adds nothing", this::rereadAddsNothing));
        tests.add(rule("a corrupt cursor is CursorInvalid", this::corruptCursorIsTyped));
        for (ErrorScenario scenario : errorScenarios) {
            tests.add(rule("error signal '" + scenario.name() + "' surfaces as "
                    + scenario.expected().getSimpleName(), () -> errorIsTyped(scenario)));
        }
        return tests.stream();
    }

    /**
     * One rule as a dynamic test with a source of its own. Without one, JUnit gives every dynamic test
     * the {@code @TestFactory} method as its source and Surefire's console names it after that method,
     * {@code conformance()[7]}; with a source that is not a method, Surefire names it by the rule,
     * {@code FooConformanceTest.unreported metrics are absent, not 0}, whatever its reporter settings.
     */
    private static DynamicTest rule(String name, Executable check) {
        return DynamicTest.dynamicTest(name, URI.create(RULE_SOURCE + URLEncoder.encode(name, StandardCharsets.UTF_8)), check);
    }

    private void descriptorIsConsistent() {
        AdapterDescriptor d = factory.descriptor();
        assertThat(d.displayName()).as("display name").isNotBlank();
        assertThat(d.docsUrl()).as("docs URL").startsWith("https://");
        assertThat(d.allowedHosts().isEmpty() && d.accountHostFields().isEmpty())
                .as("the descriptor names no host to call: neither allowed hosts nor a field whose host is allowed")
                .isFalse();
        assertThat(d.config().fields()).as("config fields").isNotEmpty();
        for (ConfigField f : d.config().fields()) {
            assertThat(f.label()).as("label of " + f.key()).isNotBlank();
            assertThat(f.help()).as("help of " + f.key()).isNotBlank();
            if (f.key().contains("token") || f.key().contains("secret") || f.key().contains("password")) {
                assertThat(f.type()).as("field " + f.key() + " looks like a credential").isEqualTo(FieldType.SECRET);
            }
        }
        for (MetricId m : d.reportable()) {
            assertThat(m.isValidForAdapters()).as("metric id " + m + " is canonical or namespaced").isTrue();
        }
        for (Map.Entry<MetricId, String> e : d.unavailable().entrySet()) {
            assertThat(e.getKey().isCanonical()).as("unavailable metric " + e.getKey() + " is canonical").isTrue();
            assertThat(e.getValue()).as("reason " + e.getKey() + " is unavailable").isNotBlank();
        }
        assertThat(d.reportable()).as("reportable and unavailable overlap")
                .doesNotContainAnyElementsOf(d.unavailable().keySet());
        assertThat(d.history().maxDaysPerRequest()).as("largest range per request")
                .isLessThanOrEqualTo(Math.max(d.history().maxLookbackDays(), 1));
    }

    private void configPassesSpec() {
        List<ConfigIssue> issues = factory.descriptor().config().validate(config);
        assertThat(issues).as("issues in the conformance config").isEmpty();
        assertThat(factory.validate(values())).as("factory-level issues").isEmpty();
        assertThat(factory.descriptor().config().validate(Map.of()))
                .as("an empty config must be rejected when fields are required")
                .hasSizeGreaterThanOrEqualTo((int) factory.descriptor().config().fields().stream()
                        .filter(ConfigField::required).count());
    }

    /**
     * The host refuses a second connection of the same external account by the value of the identity
     * field, before it calls the network; a descriptor that names one must be exercised with a value.
     */
    private void identityFieldHasAValue() {
        String key = factory.descriptor().identityField();
        if (key.isEmpty()) {
            return; // the account is only known from the connection check
        }
        assertThat(values().get(key)).as("value of identity field '" + key + "' in the conformance config")
                .hasValueSatisfying(v -> assertThat(v).as("identity field '" + key + "'").isNotBlank());
    }

    private void checkReturnsIdentity() throws AdapterException {
        reset();
        try (NetworkAdapter adapter = factory.create(contexts.get(), values())) {
            CheckResult result = adapter.check();
            assertThat(result.identity().externalId()).as("external id").isNotBlank();
            assertThat(result.identity().displayName()).as("display name").isNotBlank();
        }
    }

    private void fetchEmitsValidPoints() throws AdapterException {
        reset();
        List<FetchResult> batches = fetchAll(FetchRequest.of(range));
        AdapterDescriptor d = factory.descriptor();
        Set<String> seen = new HashSet<>();
        Set<String> postIds = new HashSet<>();
        int points = 0;
        for (FetchResult batch : batches) {
            for (MetricPoint p : batch.points()) {
                points++;
                assertThat(range.contains(p.day())).as(p + " lies inside " + range).isTrue();
                assertThat(d.reportable()).as("metric " + p.metric() + " is declared reportable")
                        .contains(p.metric());
                assertThat(seen.add(p.metric() + "@" + p.day())).as("one point per metric and day: " + p).isTrue();
            }
            for (PostSnapshot post : batch.posts()) {
                assertThat(postIds.add(post.postId())).as("post " + post.postId() + " appears once").isTrue();
                post.metrics().keySet().forEach(m ->
                        assertThat(m.isValidForAdapters()).as("post metric id " + m).isTrue());
            }
        }
        assertThat(points).as("points fetched for " + range).isPositive();
    }

    private void unreportedMetricsAbsent() throws AdapterException {
        reset();
        Set<MetricId> mustBeAbsent = new HashSet<>(factory.descriptor().unavailable().keySet());
        mustBeAbsent.addAll(expectAbsent);
        for (FetchResult batch : fetchAll(FetchRequest.of(range))) {
            for (MetricPoint p : batch.points()) {
                assertThat(mustBeAbsent).as("metric " + p.metric() + " is not reported, so no point on " + p.day())
                        .doesNotContain(p.metric());
            }
        }
    }

    /**
     * A post belongs to the range its publication day (in the account's reporting zone, from the
     * connection check) falls in; the host counts posts published per day from these.
     */
    private void postsInsideTheRange() throws AdapterException {
        reset();
        java.time.ZoneId zone;
        try (NetworkAdapter adapter = factory.create(contexts.get(), values())) {
            zone = adapter.check().identity().reportingZone();
        }
        reset();
        for (FetchResult batch : fetchAll(FetchRequest.of(range))) {
            for (PostSnapshot post : batch.posts()) {
                java.time.LocalDate day = java.time.LocalDate.ofInstant(post.publishedAt(), zone);
                assertThat(range.contains(day)).as("post " + post.postId() + " published " + post.publishedAt()
                        + " (" + day + " in " + zone + ") lies inside " + range).isTrue();
            }
        }
    }

    /**
     * The host re-reads the last days on every sync (networks revise them): reading the same range
     * again must return the same points and posts, not more of them.
     */
    private void rereadAddsNothing() throws AdapterException {
        reset();
        java.util.Set<String> first = new java.util.TreeSet<>(identities(fetchAll(FetchRequest.of(range))));
        reset();
        List<String> again = identities(fetchAll(FetchRequest.of(range)));
        assertThat(again).as("a second read of " + range + " repeats nothing").doesNotHaveDuplicates();
        assertThat(new java.util.TreeSet<>(again)).as("a second read of " + range + " returns the same points and posts")
                .isEqualTo(first);
    }

    /** What identifies each point (metric and day) and each post (id), without values. */
    private static List<String> identities(List<FetchResult> batches) {
        List<String> keys = new ArrayList<>();
        for (FetchResult b : batches) {
            b.points().forEach(p -> keys.add("point " + p.metric() + "@" + p.day()));
            b.posts().forEach(p -> keys.add("post " + p.postId()));
        }
        return keys;
    }

    /**
     * "Absent rather than 0" holds for posts too: a post metric the descriptor declares unavailable
     * (say {@code views = 0} on every post of a network without views) is a made-up number, and a post
     * metric that is neither declared reportable nor network-only in the network's own namespace is one
     * the host cannot describe.
     */
    private void postMetricsAreReportable() throws AdapterException {
        reset();
        AdapterDescriptor d = factory.descriptor();
        String ownNamespace = d.networkId() + ".";
        for (FetchResult batch : fetchAll(FetchRequest.of(range))) {
            for (PostSnapshot post : batch.posts()) {
                for (Map.Entry<MetricId, Double> m : post.metrics().entrySet()) {
                    MetricId metric = m.getKey();
                    String what = "metric " + metric + " = " + m.getValue() + " of post " + post.postId();
                    assertThat(d.unavailable()).as(what + ": the descriptor says the network cannot report it")
                            .doesNotContainKey(metric);
                    assertThat(d.reportable().contains(metric) || metric.value().startsWith(ownNamespace))
                            .as(what + " is declared reportable or in namespace " + ownNamespace).isTrue();
                }
            }
        }
    }

    private void resumeNeitherSkipsNorRepeats() throws AdapterException {
        reset();
        List<FetchResult> full = fetchAll(FetchRequest.of(range));
        List<String> fullKeys = keys(full);
        assertThat(new HashSet<>(fullKeys)).as("a full fetch repeats nothing").hasSameSizeAs(fullKeys);
        int checks = 0;
        for (int i = 0; i < full.size() - 1 && checks < resumeChecks; i++, checks++) {
            Cursor cursor = full.get(i).next().orElseThrow();
            List<FetchResult> resumed = new ArrayList<>(full.subList(0, i + 1));
            resumed.addAll(fetchAll(FetchRequest.resume(range, cursor)));
            List<String> resumedKeys = keys(resumed);
            assertThat(resumedKeys).as("data after resuming from batch " + (i + 1) + " (" + cursor.token() + ")")
                    .containsExactlyInAnyOrderElementsOf(fullKeys);
        }
    }

    private void corruptCursorIsTyped() {
        reset();
        int version = factory.descriptor().cursorVersion();
        for (Cursor corrupt : List.of(new Cursor(version, "%%not-a-cursor%%"), new Cursor(version + 1, "x"))) {
            try (NetworkAdapter adapter = factory.create(contexts.get(), values())) {
                assertThatCode(() -> adapter.fetch(FetchRequest.resume(range, corrupt)))
                        .as("fetch with corrupt cursor " + corrupt)
                        .isInstanceOf(AdapterException.CursorInvalid.class);
            }
        }
    }

    private void errorIsTyped(ErrorScenario scenario) {
        reset();
        scenario.arrange().run();
        try (NetworkAdapter adapter = factory.create(contexts.get(), values())) {
            try {
                if (scenario.duringCheck()) {
                    adapter.check();
                } else {
                    Fetches.from(adapter, FetchRequest.of(range));
                }
                fail("scenario '" + scenario.name() + "' raised no error; expected "
                        + scenario.expected().getSimpleName());
            } catch (AdapterException e) {
                assertThat(e).as("error of scenario '" + scenario.name() + "'").isInstanceOf(scenario.expected());
                assertNoSecretIn(e);
            }
        } finally {
            reset();
        }
    }

    private void assertNoSecretIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = String.valueOf(t.getMessage()) + " " + t;
            for (String secret : values().secretValues()) {
                assertThat(text).as("exception message must not contain a secret").doesNotContain(secret);
            }
        }
    }

    private List<FetchResult> fetchAll(FetchRequest first) throws AdapterException {
        try (NetworkAdapter adapter = factory.create(contexts.get(), values())) {
            return Fetches.from(adapter, first);
        }
    }

    private static List<String> keys(List<FetchResult> batches) {
        List<String> keys = new ArrayList<>();
        for (FetchResult b : batches) {
            b.points().forEach(p -> keys.add("point " + p.metric() + "@" + p.day() + "=" + p.value()));
            b.posts().forEach(p -> keys.add("post " + p.postId()));
        }
        return keys;
    }

    private ConfigValues values() {
        return factory.descriptor().config().resolve(config);
    }

    private void reset() {
        if (resetStubs != null) {
            resetStubs.run();
        }
    }

    /** Configures a conformance run. */
    public static final class Builder {
        private final NetworkAdapterFactory factory;
        private Map<String, String> config = Map.of();
        private DateRange range;
        private Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        private final Set<MetricId> expectAbsent = new HashSet<>();
        private final List<ErrorScenario> errorScenarios = new ArrayList<>();
        private Runnable resetStubs;
        private Supplier<TestAdapterContext> contexts;
        private int resumeChecks = 5;

        private Builder(NetworkAdapterFactory factory) {
            this.factory = factory;
        }

        /** Raw configuration of an account the stubs serve (base URL pointing at the stubs). */
        public Builder config(Map<String, String> raw) {
            this.config = new LinkedHashMap<>(raw);
            return this;
        }

        /** A range the stubs serve completely, with more than one batch if the adapter pages. */
        public Builder range(DateRange range) {
            this.range = range;
            return this;
        }

        /** The clock the adapter sees. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Metrics the stubs leave out of their daily answers: the adapter must not invent account points
         * for them. (Post metrics are checked against the descriptor: a post may carry a metric that has
         * no daily series, such as TikTok's favorites as saves.)
         */
        public Builder expectAbsent(MetricId... metrics) {
            expectAbsent.addAll(List.of(metrics));
            return this;
        }

        /** An error the stubs can produce during a fetch and the typed error it must become. */
        public Builder errorScenario(String name, Runnable arrange, Class<? extends AdapterException> expected) {
            errorScenarios.add(new ErrorScenario(name, arrange, expected, false));
            return this;
        }

        /** Several scenarios at once, such as {@link ScenarioStubs#onEveryCall}. */
        public Builder errorScenarios(java.util.Collection<ErrorScenario> scenarios) {
            errorScenarios.addAll(scenarios);
            return this;
        }

        /** An error the stubs can produce during the connection check and the typed error it must become. */
        public Builder checkErrorScenario(String name, Runnable arrange, Class<? extends AdapterException> expected) {
            errorScenarios.add(new ErrorScenario(name, arrange, expected, true));
            return this;
        }

        /** Restores the happy-path stubs; run before every check and after every error scenario. */
        public Builder resetStubs(Runnable reset) {
            this.resetStubs = reset;
            return this;
        }

        /** Supplies the host context for each adapter (default: JDK client and the builder's clock). */
        public Builder contexts(Supplier<TestAdapterContext> contexts) {
            this.contexts = contexts;
            return this;
        }

        /** How many cursors to resume from (default 5; each re-reads the rest of the range). */
        public Builder resumeChecks(int count) {
            this.resumeChecks = count;
            return this;
        }

        /** The configured run. */
        public AdapterConformance build() {
            if (range == null) {
                throw new IllegalStateException("range is not set");
            }
            return new AdapterConformance(this);
        }

        /** Shortcut for {@code build().tests()}. */
        public Stream<DynamicTest> tests() {
            return build().tests();
        }
    }
}
