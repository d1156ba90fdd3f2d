package io.goalpost.platform.goals;

import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.kpis.AnalyticsCache;
import io.goalpost.platform.kpis.Capabilities;
import io.goalpost.platform.kpis.KpiCatalog;
import io.goalpost.platform.kpis.KpiDefinition;
import io.goalpost.platform.kpis.ReportingExtents;
import io.goalpost.platform.kpis.ResolvedScope;
import io.goalpost.platform.kpis.ScopeResolver;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Goal lifecycle: validation against stored data, one-transaction saves, evaluation on read. */
public final class GoalService {

    private final Pool pool;
    private final GoalStore store;
    private final ScopeResolver scopes;
    private final Capabilities caps;
    private final GoalEvaluator evaluator;
    private final BaselineLedger ledger;
    private final AnalyticsCache cache;
    private final Clock clock;
    /** Test hook run inside the save transaction after the goal row is written. */
    volatile Runnable afterGoalWritten = () -> { };

    public GoalService(Pool pool, GoalStore store, ScopeResolver scopes, Capabilities caps, GoalEvaluator evaluator,
            AnalyticsCache cache, Clock clock) {
        this.pool = pool;
        this.store = store;
        this.scopes = scopes;
        this.caps = caps;
        this.evaluator = evaluator;
        this.ledger = new BaselineLedger(pool);
        this.cache = cache;
        this.clock = clock;
    }

    /** Today in the server's clock. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The store. */
    public GoalStore store() {
        return store;
    }

    /** Creates a goal (and the tactics in its body) in one transaction; answers the evaluated goal. */
    public Future<JsonObject> create(JsonObject body) {
        GoalSpec spec = GoalParser.parse(body, true);
        LocalDate today = today();
        return check(spec, today).compose(ev -> pool.withTransaction(conn -> store.insert(conn, spec, ev.attainability()).compose(id -> {
            afterGoalWritten.run();
            Future<Void> chain = ledger.reset(conn, id, ev.measured(), ev.baseline().value());
            for (TacticSpec t : spec.tactics()) {
                chain = chain.compose(v -> store.insertTactic(conn, id, t).mapEmpty());
            }
            return chain.compose(v -> store.get(conn, id));
        })).map(goal -> GoalEvaluator.toJson(goal.orElseThrow(), ev, true).put("baseline_changes", new JsonArray())));
    }

    /**
     * The goal a body would create, evaluated but not saved ({@code POST /api/goals/preview}): the
     * wizard shows the same baseline, target and attainability check the saved goal will have.
     */
    public Future<JsonObject> preview(JsonObject body) {
        GoalSpec spec = GoalParser.parse(body, false);
        return check(spec, today()).map(ev -> GoalEvaluator.toJson(new Goal(0, spec, null, null, 0, null), ev, true)
                .putNull("id").put("baseline_changes", new JsonArray()));
    }

    /** Replaces a goal's stated fields. */
    public Future<JsonObject> update(long id, JsonObject body) {
        GoalSpec spec = GoalParser.parse(body, false);
        LocalDate today = today();
        return store.get(null, id).compose(existing -> {
            if (existing.isEmpty()) {
                return Future.failedFuture(ApiError.notFound("goal " + id));
            }
            return check(spec, today).compose(ev -> pool.withTransaction(conn -> store.update(conn, id, spec, ev.attainability())
                    .compose(found -> {
                if (!found) {
                    return Future.failedFuture(ApiError.notFound("goal " + id));
                }
                afterGoalWritten.run();
                return ledger.reset(conn, id, ev.measured(), ev.baseline().value()).compose(v -> store.get(conn, id));
            })).compose(goal -> withChanges(goal.orElseThrow(), ev)));
        });
    }

    /** Deletes a goal and its tactics. */
    public Future<Void> delete(long id) {
        return store.delete(id).compose(found -> found ? Future.succeededFuture() : Future.failedFuture(ApiError.notFound("goal " + id)));
    }

    /** One goal with its tactics in priority order, as JSON text (cached per data generation and day). */
    public Future<String> get(long id) {
        LocalDate today = today();
        return cache.get("goal|" + id + "|" + today, () -> stored(id).compose(g ->
                Future.all(evaluate(g, today, false), store.tactics(id)).map(done -> {
                    JsonObject o = done.resultAt(0);
                    List<Tactic> ts = done.resultAt(1);
                    return o.put("tactics", new JsonArray(new ArrayList<>(Tactic.ranked(ts)))).encode();
                })));
    }

    /** {@code GET /api/goals/{id}/series} as JSON text (cached per data generation and day). */
    public Future<String> series(long id) {
        LocalDate today = today();
        return cache.get("goal-series|" + id + "|" + today, () -> stored(id).compose(g ->
                scopes.resolve(null, g.spec().networks(), g.spec().accounts(), "scope", true)
                        .compose(scope -> evaluator.evaluate(g.spec(), scope, today, g.attainability(), true))
                        .map(ev -> GoalEvaluator.seriesJson(g, ev).encode())));
    }

    private Future<Goal> stored(long id) {
        return store.get(null, id).compose(g -> g.isPresent() ? Future.succeededFuture(g.get())
                : Future.failedFuture(ApiError.notFound("goal " + id)));
    }

    /**
     * What every goal is evaluated from as of a day: the stored goals, every account and the reporting
     * extents of the goals' KPIs up to that day. The dashboard's KPI table needs the same accounts and
     * extents, and starts its roll-ups from them while the goals are evaluated (it used to wait for
     * the goals: their evaluation and the table's queries, one after the other, were each about half
     * a recomputation).
     */
    public record Basis(List<Goal> goals, List<io.goalpost.platform.kpis.AccountRef> accounts, ReportingExtents extents,
            LocalDate today) {
        public Basis {
            goals = List.copyOf(goals);
            accounts = List.copyOf(accounts);
            java.util.Objects.requireNonNull(extents, "extents");
            java.util.Objects.requireNonNull(today, "today");
        }
    }

    /** The {@link Basis} of the goals as of {@code today}: goals, accounts and extents read at once. */
    public Future<Basis> basis(LocalDate today) {
        return Future.all(store.list(), scopes.all(null)).compose(both -> {
            List<Goal> goals = both.resultAt(0);
            List<io.goalpost.platform.kpis.AccountRef> accounts = both.resultAt(1);
            Set<KpiDefinition> kpis = new LinkedHashSet<>();
            goals.forEach(g -> KpiCatalog.byId(g.spec().kpi()).ifPresent(kpis::add));
            return ReportingExtents.load(pool, accounts.stream().map(io.goalpost.platform.kpis.AccountRef::id).toList(),
                    kpis, today).map(extents -> new Basis(goals, accounts, extents, today));
        });
    }

    /**
     * The goals of a basis, evaluated and rendered as {@code GET /api/goals} answers them; goals that share
     * their KPI, scope and measuring day are computed together.
     */
    public Future<List<JsonObject>> evaluate(Basis basis) {
        List<Goal> goals = basis.goals();
        LocalDate today = basis.today();
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        List<ResolvedScope> resolved = new ArrayList<>();
        for (int i = 0; i < goals.size(); i++) {
            GoalSpec s = goals.get(i).spec();
            ResolvedScope scope = ScopeResolver.within(basis.accounts(), s.networks(), s.accounts());
            resolved.add(scope);
            String key = s.kpi() + "|" + GoalEvaluator.cap(s, today) + "|" + java.util.Arrays.toString(scope.ids());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        GoalEvaluator.Evaluation[] evs = new GoalEvaluator.Evaluation[goals.size()];
        List<Future<Void>> work = new ArrayList<>();
        for (List<Integer> idx : groups.values()) {
            List<GoalSpec> specs = idx.stream().map(i -> goals.get(i).spec()).toList();
            List<Optional<JsonObject>> stored = idx.stream().map(i -> Optional.ofNullable(goals.get(i).attainability())).toList();
            work.add(evaluator.evaluateGroup(specs, stored, resolved.get(idx.get(0)), today, basis.extents(), false).map(done -> {
                for (int j = 0; j < idx.size(); j++) {
                    evs[idx.get(j)] = done.get(j);
                }
                return null;
            }));
        }
        return Future.all(work).compose(done -> render(goals, List.of(evs), false));
    }

    /** {@code {"goals": [...]}} as JSON text, cached per data generation and day. */
    public Future<String> listJson() {
        LocalDate today = today();
        return cache.get("goals|" + today, () -> sharedBasis(today).compose(this::sharedEvaluation)
                .map(l -> new JsonObject().put("goals", new JsonArray(new ArrayList<>(l))).encode()));
    }

    /**
     * {@link #basis}, cached per data generation and day: the goals list and every dashboard range start
     * from the same one.
     */
    public Future<Basis> sharedBasis(LocalDate today) {
        return cache.get("goals-basis|" + today, () -> basis(today));
    }

    /**
     * {@link #evaluate} of a basis, cached per data generation and basis day. The goals do not depend on
     * the range a dashboard shows, so dashboards of different ranges and the goals list, recomputed
     * after the same write, share one evaluation instead of one each. The answer is shared: callers
     * read its objects and never change them.
     */
    public Future<List<JsonObject>> sharedEvaluation(Basis basis) {
        return cache.get("goals-evaluated|" + basis.today(), () -> evaluate(basis));
    }

    /** Evaluates a stored goal. */
    public Future<JsonObject> evaluate(Goal g, LocalDate today, boolean withSeries) {
        return scopes.resolve(null, g.spec().networks(), g.spec().accounts(), "scope", true)
                .compose(scope -> evaluator.evaluate(g.spec(), scope, today, g.attainability(), withSeries))
                .compose(ev -> withChanges(g, ev));
    }

    private Future<JsonObject> withChanges(Goal g, GoalEvaluator.Evaluation ev) {
        return render(List.of(g), List.of(ev), true).map(l -> l.get(0));
    }

    /** The goals as answered, with the changes of their measured accounts recorded and listed. */
    private Future<List<JsonObject>> render(List<Goal> goals, List<GoalEvaluator.Evaluation> evs, boolean detail) {
        List<BaselineLedger.Measured> measured = new ArrayList<>();
        for (int i = 0; i < goals.size(); i++) {
            GoalEvaluator.Evaluation e = evs.get(i);
            measured.add(new BaselineLedger.Measured(goals.get(i).id(), e.scope().accounts(), e.measured(),
                    e.comparison().excluded(), e.baseline().value()));
        }
        return ledger.reconcile(measured).map(changes -> {
            List<JsonObject> out = new ArrayList<>();
            for (int i = 0; i < goals.size(); i++) {
                out.add(GoalEvaluator.toJson(goals.get(i), evs.get(i), detail)
                        .put("baseline_changes", changes.getOrDefault(goals.get(i).id(), new JsonArray())));
            }
            return out;
        });
    }

    /**
     * The checks that need stored data: the scope exists and has accounts, at least one of which can
     * report the KPI; an absolute target is a change in the KPI's good direction from the baseline; a
     * percentage target has a non-zero baseline.
     */
    private Future<GoalEvaluator.Evaluation> check(GoalSpec spec, LocalDate today) {
        KpiDefinition kpi = KpiCatalog.byId(spec.kpi()).orElseThrow();
        return scopes.resolve(null, spec.networks(), spec.accounts(), "scope", false).compose(scope -> {
            Map<String, String> problems = new LinkedHashMap<>();
            checkScope(kpi, scope, problems);
            Fields.throwIfAny("the goal", problems);
            return evaluator.evaluate(spec, scope, today, null, false).map(ev -> {
                Double base = ev.baseline().value();
                if (base != null && spec.targetType().equals("absolute")) {
                    boolean better = kpi.direction() == KpiDefinition.Direction.UP ? spec.targetValue() > base
                            : spec.targetValue() < base;
                    if (!better) {
                        problems.put("target.value", "must be " + GoalSentence.better(kpi.direction()) + " the baseline "
                                + Numbers.format(base, kpi.unit()) + " (" + kpi.name() + " on " + ev.baselineDay()
                                + "): a goal is a change in the KPI's good direction");
                    }
                }
                if (base != null && base == 0 && spec.targetType().equals("increase_pct")) {
                    problems.put("target.type", "a percentage of a baseline of 0 is no change; use absolute or increase_by");
                }
                Fields.throwIfAny("the goal", problems);
                return ev;
            });
        });
    }

    private void checkScope(KpiDefinition kpi, ResolvedScope scope, Map<String, String> problems) {
        if (scope.accounts().isEmpty()) {
            problems.put("scope", scope.networks().isEmpty() && scope.accountIds().isEmpty()
                    ? "there is no account yet: connect one (or add a manual account) first"
                    : "no account in this scope: networks " + scope.networks() + " have no accounts");
            return;
        }
        Optional<String> firstReason = Optional.empty();
        for (var a : scope.accounts()) {
            Optional<String> why = caps.cannotReport(a.network(), kpi.inputs());
            if (why.isEmpty()) {
                return;
            }
            if (firstReason.isEmpty()) {
                firstReason = why;
            }
        }
        problems.put("scope", "no account in this scope can report " + kpi.name() + ": " + firstReason.orElse(""));
    }
}
