package io.goalpost.platform.reports;

import static io.goalpost.platform.reports.ReportFormat.esc;

import io.goalpost.platform.annotations.Annotation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The report as XHTML for the PDF renderer. Layout rules that the printed browser page broke: every
 * chart is sized to the page's content width (never clipped at the right edge); a heading is kept on
 * one page with what follows it (never stranded at a page end); every page carries "Page n of N".
 */
final class ReportHtml {

    /** The content width of an A4 page with the margins below, in millimetres: what a chart is drawn at. */
    static final double CONTENT_WIDTH_MM = 210 - 2 * 16;

    /** Everything a summary report shows, gathered before rendering. */
    record Summary(LocalDate from, LocalDate to, JsonObject dashboard, Map<Long, JsonObject> goalSeries,
            Map<String, Map<String, JsonObject>> kpiSeries, JsonObject topPosts, List<Annotation> notes, Map<Long, String> goalTitles,
            ReportSettings settings, Map<String, Integer> accountZones, Instant generatedAt, DemoData demo) {
        Summary {
            Objects.requireNonNull(dashboard, "dashboard");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(demo, "demo");
        }
    }

    /** Everything a goal's report shows. */
    record Goal(JsonObject goal, JsonObject series, JsonObject topPosts, List<Annotation> notes, ReportSettings settings,
            Map<String, Integer> accountZones, Instant generatedAt, DemoData demo) {
        Goal {
            Objects.requireNonNull(goal, "goal");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(demo, "demo");
        }
    }

    /**
     * The accounts of the demo's simulated networks (origin "sandbox") whose numbers the report counts:
     * the cover says so, so a demo's report cannot pass synthetic history off as real.
     *
     * @param accounts how many
     * @param networks their networks, in order
     */
    record DemoData(int accounts, List<String> networks) {
        static final DemoData NONE = new DemoData(0, List.of());

        DemoData {
            networks = List.copyOf(networks);
        }
    }

    /** The words of the cover's demo-data notice (the web UI's banner says the same). */
    static final String DEMO_TITLE = "Demo data: simulated networks";

    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm zzz", Locale.ENGLISH);

    private ReportHtml() {
    }

    static String summary(Summary s) {
        JsonObject d = s.dashboard();
        String period = ReportFormat.day(s.from()) + " to " + ReportFormat.day(s.to());
        StringBuilder b = start("Goalpost report, " + period, "Goalpost report, " + period);
        // Cover
        b.append("<div class=\"cover\"><p class=\"kicker\">Goalpost report</p><h1>").append(esc(period)).append("</h1>");
        demoNotice(b, s.demo());
        JsonObject prev = d.getJsonObject("previous");
        if (prev != null) {
            b.append("<p class=\"lead\">Compared with ").append(esc(ReportFormat.day(prev.getString("from")))).append(" to ")
                    .append(esc(ReportFormat.day(prev.getString("to")))).append(", like for like: the same days and the same accounts.</p>");
        }
        timeFacts(b, s.settings(), s.accountZones(), s.generatedAt());
        JsonObject summary = d.getJsonObject("summary", new JsonObject());
        b.append("<table class=\"facts\"><tr><th>Goals</th><td>").append(summary.getInteger("goals", 0)).append("</td></tr>");
        for (String st : List.of("achieved", "on_track", "at_risk", "off_track", "missed", "collecting", "not_started", "no_data")) {
            int n = summary.getInteger(st, 0);
            if (n > 0) {
                b.append("<tr><th>").append(esc(ReportFormat.status(st))).append("</th><td>").append(n).append("</td></tr>");
            }
        }
        b.append("</table>");
        if (!s.settings().commentary().isBlank()) {
            b.append("<div class=\"keep commentary\"><h2>Commentary</h2>").append(paragraphs(s.settings().commentary())).append("</div>");
        }
        b.append("</div>");

        // Goals
        JsonArray goals = d.getJsonArray("goals", new JsonArray());
        b.append("<div class=\"section new-page\">");
        if (goals.isEmpty()) {
            b.append("<div class=\"keep\"><h2>Goals</h2><p class=\"muted\">No goals yet.</p></div>");
        }
        boolean first = true;
        for (Object o : goals) {
            JsonObject g = (JsonObject) o;
            b.append("<div class=\"keep goal\">");
            if (first) {
                b.append("<h2>Goals</h2>");
                first = false;
            }
            goalBlock(b, g, s.goalSeries().get(g.getLong("id")), notesFor(s.notes(), g.getLong("id")), "h3");
            b.append("</div>");
        }
        b.append("</div>");

        // KPI table
        kpiTable(b, d.getJsonObject("kpi_table"));

        // KPI trends
        JsonArray kpis = d.getJsonObject("kpi_table", new JsonObject()).getJsonArray("kpis", new JsonArray());
        boolean firstChart = true;
        for (Object o : kpis) {
            JsonObject k = (JsonObject) o;
            Map<String, JsonObject> per = s.kpiSeries().getOrDefault(k.getString("id"), Map.of());
            b.append("<div class=\"keep\">");
            if (firstChart) {
                b.append("<h2>KPI trends</h2>");
                firstChart = false;
            }
            b.append("<h3>").append(esc(k.getString("name"))).append(" per network</h3>");
            byte[] png = per.isEmpty() ? null : ChartImages.kpi(per, unitLabel(k.getString("name"), k.getString("unit")),
                    notesFor(s.notes(), null));
            if (png == null) {
                b.append("<p class=\"muted\">").append(esc(k.getString("name"))).append(": not available for any network in this period.</p>");
            } else {
                image(b, png, k.getString("name") + " per network");
            }
            b.append("</div>");
        }

        posts(b, s.topPosts(), "Top posts", "Posts published from " + period);
        annotations(b, s.notes(), s.goalTitles());
        return end(b);
    }

    static String goal(Goal r) {
        JsonObject g = r.goal();
        String title = g.getString("title");
        StringBuilder b = start("Goal report: " + title, "Goal report: " + title);
        b.append("<div class=\"keep\"><p class=\"kicker\">Goalpost goal report</p>");
        demoNotice(b, r.demo());
        goalBlock(b, g, r.series(), r.notes(), "h1");
        b.append("</div>");
        timeFacts(b, r.settings(), r.accountZones(), r.generatedAt());
        JsonObject def = g.getJsonObject("kpi", new JsonObject());
        JsonArray breakdown = g.getJsonArray("breakdown");
        if (breakdown != null && !breakdown.isEmpty()) {
            String unit = def.getString("unit");
            b.append("<div class=\"keep\"><h2>Per network</h2><table class=\"grid\"><thead><tr><th>Network</th><th>Accounts</th>"
                    + "<th class=\"num\">Baseline</th><th class=\"num\">Current</th><th class=\"num\">Change</th></tr></thead><tbody>");
            for (Object o : breakdown) {
                JsonObject row = (JsonObject) o;
                StringBuilder accts = new StringBuilder();
                for (Object a : row.getJsonArray("accounts", new JsonArray())) {
                    accts.append(accts.length() == 0 ? "" : ", ").append(((JsonObject) a).getString("name"));
                }
                b.append("<tr><td>").append(esc(row.getString("name"))).append("</td><td>").append(esc(accts.toString()))
                        .append("</td><td class=\"num\">").append(esc(ReportFormat.number(row.getDouble("baseline"), unit)))
                        .append("</td><td class=\"num\">").append(esc(ReportFormat.number(row.getDouble("current"), unit)))
                        .append("</td><td class=\"num\">").append(esc(ReportFormat.change(row.getDouble("change"), unit)))
                        .append("</td></tr>");
            }
            b.append("</tbody></table></div>");
        }
        JsonArray tactics = g.getJsonArray("tactics");
        if (tactics != null && !tactics.isEmpty()) {
            b.append("<div class=\"keep\"><h2>Tactics</h2><table class=\"grid\"><thead><tr><th>Tactic</th><th>Status</th></tr></thead><tbody>");
            for (Object o : tactics) {
                JsonObject t = (JsonObject) o;
                b.append("<tr><td>").append(esc(t.getString("title"))).append("</td><td>").append(esc(String.valueOf(
                        t.getValue("status", "")))).append("</td></tr>");
            }
            b.append("</tbody></table></div>");
        }
        String period = ReportFormat.day(g.getString("start")) + " to " + ReportFormat.day(g.getString("deadline"));
        JsonObject top = r.topPosts();
        String postPeriod = top == null ? period : ReportFormat.day(top.getString("from")) + " to " + ReportFormat.day(top.getString("to"));
        posts(b, top, "Top posts of the goal's period", top == null ? "The goal has not started: no post to rank yet"
                : "Posts published by the goal's accounts from " + postPeriod);
        annotations(b, r.notes(), Map.of(g.getLong("id"), title));
        return end(b);
    }

    // ---- blocks ----

    private static void demoNotice(StringBuilder b, DemoData demo) {
        if (demo.accounts() == 0) {
            return;
        }
        int n = demo.accounts();
        b.append("<div class=\"demo-data\"><b>").append(esc(DEMO_TITLE)).append(".</b> ").append(n)
                .append(n == 1 ? " account" : " accounts").append(" in this report (").append(esc(String.join(", ", demo.networks())))
                .append(n == 1 ? ") was" : ") were").append(" connected to the demo's simulated networks: their numbers are"
                        + " synthetic, not real network data.</div>");
    }

    private static void timeFacts(StringBuilder b, ReportSettings settings, Map<String, Integer> zones, Instant generatedAt) {
        ZonedDateTime at = generatedAt.atZone(settings.timeZone());
        b.append("<p class=\"meta\">Team time zone: <b>").append(esc(settings.timeZone().getId())).append("</b>. Generated ")
                .append(esc(at.format(GENERATED))).append(".");
        if (!zones.isEmpty()) {
            StringBuilder z = new StringBuilder();
            zones.forEach((zone, n) -> z.append(z.length() == 0 ? "" : "; ").append(zone).append(" (").append(n)
                    .append(n == 1 ? " account)" : " accounts)"));
            b.append(" Each day is the day in its account's reporting time zone: ").append(esc(z.toString())).append(".");
        }
        b.append("</p>");
    }

    private static void goalBlock(StringBuilder b, JsonObject g, JsonObject series, List<Annotation> notes, String heading) {
        JsonObject kpi = g.getJsonObject("kpi", new JsonObject());
        String unit = kpi.getString("unit");
        String status = g.getString("status");
        b.append("<").append(heading).append(">").append(esc(g.getString("title"))).append("</").append(heading).append(">");
        b.append("<p><span class=\"status status-").append(esc(status)).append("\">").append(esc(ReportFormat.status(status)))
                .append("</span> ").append(esc(g.getString("sentence"))).append("</p>");
        if (g.getString("status_reason") != null) {
            b.append("<p class=\"muted\">").append(esc(g.getString("status_reason"))).append("</p>");
        }
        JsonObject baseline = g.getJsonObject("baseline");
        JsonObject current = g.getJsonObject("current");
        JsonObject target = g.getJsonObject("target", new JsonObject());
        JsonObject forecast = g.getJsonObject("forecast");
        b.append("<table class=\"facts\"><tr><th>Baseline</th><td>").append(esc(ReportFormat.number(
                baseline == null ? null : baseline.getDouble("value"), unit))).append("</td><th>Current</th><td>")
                .append(esc(ReportFormat.number(current == null ? null : current.getDouble("value"), unit)))
                .append("</td><th>Target</th><td>").append(esc(ReportFormat.number(target.getDouble("resolved"), unit)))
                .append("</td></tr><tr><th>Progress</th><td>").append(esc(g.getDouble("progress") == null ? ReportFormat.NOT_AVAILABLE
                        : ReportFormat.number(g.getDouble("progress"), "percent")))
                .append("</td><th>Expected by now</th><td>").append(esc(g.getDouble("expected_progress") == null
                        ? ReportFormat.NOT_AVAILABLE : ReportFormat.number(g.getDouble("expected_progress"), "percent")))
                .append("</td><th>Forecast</th><td>").append(esc(ReportFormat.number(forecast == null ? null
                        : forecast.getDouble("value"), unit))).append("</td></tr></table>");
        if (series != null) {
            String y = unitLabel(kpi.getString("name", ""), unit);
            byte[] png = ChartImages.goal(series, y, notes);
            if (png == null) {
                b.append("<p class=\"muted\">No complete window stored for this goal's accounts yet: nothing to chart.</p>");
            } else {
                image(b, png, g.getString("title") + ": actual, target, expected pace and forecast");
            }
        }
    }

    private static void kpiTable(StringBuilder b, JsonObject table) {
        if (table == null) {
            return;
        }
        JsonArray kpis = table.getJsonArray("kpis", new JsonArray());
        Map<String, String> names = new LinkedHashMap<>();
        for (Object o : table.getJsonArray("networks", new JsonArray())) {
            names.put(((JsonObject) o).getString("id"), ((JsonObject) o).getString("name"));
        }
        b.append("<div class=\"section\">");
        if (kpis.isEmpty()) {
            b.append("<div class=\"keep\"><h2>KPIs across networks</h2><p class=\"muted\">No goal uses a KPI yet.</p></div></div>");
            return;
        }
        for (int i = 0; i < kpis.size(); i++) {
            JsonObject k = kpis.getJsonObject(i);
            String unit = k.getString("unit");
            b.append("<div class=\"keep\">");
            if (i == 0) {
                b.append("<h2>KPIs across networks</h2><p class=\"muted\">Each change compares the same days and the same accounts "
                        + "(through the last day every account in scope has finished reporting).</p>");
            }
            b.append("<h3>").append(esc(k.getString("name"))).append("</h3><table class=\"grid kpis\"><colgroup>"
                    + "<col style=\"width: 17%\"/><col style=\"width: 22%\"/><col style=\"width: 17%\"/><col style=\"width: 24%\"/>"
                    + "<col style=\"width: 20%\"/></colgroup><thead><tr><th>Network</th>"
                    + "<th class=\"num\">This period</th><th class=\"num\">Previous</th><th class=\"num\">Change</th><th>Coverage</th>"
                    + "</tr></thead><tbody>");
            String note = null;
            for (Object o : table.getJsonArray("rows", new JsonArray())) {
                JsonObject row = (JsonObject) o;
                JsonObject cell = row.getJsonArray("cells").getJsonObject(i);
                String net = row.getString("network");
                boolean all = "all".equals(net);
                b.append(all ? "<tr class=\"total\">" : "<tr>").append("<td>").append(esc(names.getOrDefault(net, net))).append("</td>");
                b.append("<td class=\"num\">").append(esc(ReportFormat.number(cell.getDouble("value"), unit)));
                if (cell.getDouble("value") == null && cell.getString("reason") != null) {
                    b.append("<span class=\"small muted\">").append(esc(cell.getString("reason"))).append("</span>");
                }
                b.append("</td><td class=\"num\">").append(esc(ReportFormat.number(cell.getDouble("previous"), unit))).append("</td>");
                b.append("<td class=\"num\">").append(esc(ReportFormat.change(cell.getDouble("change"), unit)));
                String pct = ReportFormat.changePct(cell.getDouble("change_pct"));
                if (!pct.isEmpty() && !"percent".equals(unit)) {
                    b.append("<span class=\"small\">").append(esc(pct)).append("</span>");
                }
                JsonObject cov = cell.getJsonObject("coverage");
                b.append("</td><td>").append(esc(cov == null ? "" : cov.getString("label"))).append("</td></tr>");
                JsonObject cmp = cell.getJsonObject("comparison");
                if (all && cmp != null) {
                    note = cmp.getString("note");
                }
            }
            b.append("</tbody></table>");
            if (note != null) {
                b.append("<p class=\"small muted\">All networks: ").append(esc(note)).append("</p>");
            }
            b.append("</div>");
        }
        b.append("</div>");
    }

    private static void posts(StringBuilder b, JsonObject top, String title, String scope) {
        b.append("<div class=\"section\">");
        JsonArray posts = top == null ? new JsonArray() : top.getJsonArray("posts", new JsonArray());
        JsonObject sort = top == null ? new JsonObject() : top.getJsonObject("sort", new JsonObject());
        String unit = sort.getString("unit", "count");
        b.append("<div class=\"keep\"><h2>").append(esc(title)).append("</h2><p class=\"muted\">").append(esc(scope))
                .append(", best first by ").append(esc(sort.getString("name", "engagements").toLowerCase(Locale.ROOT))).append(".");
        if (sort.getString("note") != null) {
            b.append(" ").append(esc(sort.getString("note"))).append(".");
        }
        if (top != null && top.getString("text_note") != null) {
            b.append(" ").append(esc(top.getString("text_note")));
        }
        b.append("</p>");
        if (posts.isEmpty()) {
            b.append("<p class=\"muted\">No post was published in this period.</p></div></div>");
            return;
        }
        b.append("<table class=\"grid posts\"><colgroup><col style=\"width: 5%\"/><col style=\"width: 13%\"/><col style=\"width: 20%\"/>"
                + "<col style=\"width: 9%\"/><col style=\"width: 16%\"/><col style=\"width: 29%\"/><col style=\"width: 8%\"/></colgroup>"
                + "<thead><tr><th>#</th><th>Published</th><th>Account</th><th>Type</th>"
                + "<th class=\"num\">").append(esc(sort.getString("name", ""))).append("</th><th>Metrics</th><th>Link</th></tr></thead><tbody>");
        int n = 0;
        for (Object o : posts) {
            JsonObject p = (JsonObject) o;
            JsonObject acct = p.getJsonObject("account");
            JsonObject metrics = p.getJsonObject("metrics", new JsonObject());
            StringBuilder others = new StringBuilder();
            for (String m : new java.util.TreeSet<>(metrics.fieldNames())) {
                if (sort.getString("per") == null && m.equals(sort.getString("metric"))) {
                    continue;
                }
                others.append(others.length() == 0 ? "" : ", ").append(m.replace('_', ' ')).append(" ")
                        .append(ReportFormat.number(metrics.getDouble(m), "count"));
            }
            String link = p.getString("permalink");
            boolean web = link != null && (link.startsWith("https://") || link.startsWith("http://"));
            String text = p.getString("text");
            b.append(text == null ? "<tr><td>" : "<tr class=\"has-text\"><td>").append(++n).append("</td><td>")
                    .append(esc(ReportFormat.day(p.getString("published_day"))))
                    .append("</td><td>").append(esc(acct.getString("network_name"))).append(": ").append(esc(acct.getString("name")))
                    .append("</td><td>").append(esc(p.getString("type"))).append("</td><td class=\"num\">")
                    .append(esc(ReportFormat.number(p.getDouble("score"), unit))).append("</td><td class=\"small\">")
                    .append(esc(others.length() == 0 ? "none reported" : others.toString())).append("</td><td>")
                    .append(web ? "<a href=\"" + esc(link) + "\">open</a>" : "none").append("</td></tr>");
            if (text != null) {
                // The excerpt under its post, across the table: too long for a column. It is the network's
                // untrusted text, escaped like every other value.
                b.append("<tr class=\"post-text\"><td></td><td colspan=\"6\" class=\"small\">").append(esc(text)).append("</td></tr>");
            }
        }
        b.append("</tbody></table></div></div>");
    }

    private static void annotations(StringBuilder b, List<Annotation> notes, Map<Long, String> goalTitles) {
        b.append("<div class=\"section\"><div class=\"keep\"><h2>Annotations</h2>");
        if (notes.isEmpty()) {
            b.append("<p class=\"muted\">No annotation in this period.</p></div></div>");
            return;
        }
        b.append("<table class=\"grid\"><thead><tr><th>Day</th><th>Note</th><th>On</th></tr></thead><tbody>");
        for (Annotation a : notes) {
            b.append("<tr><td>").append(esc(ReportFormat.day(a.day()))).append("</td><td>").append(esc(a.text())).append("</td><td>")
                    .append(esc(a.goalId() == null ? "every chart" : goalTitles.getOrDefault(a.goalId(), "goal " + a.goalId())))
                    .append("</td></tr>");
        }
        b.append("</tbody></table></div></div>");
    }

    // ---- helpers ----

    private static List<Annotation> notesFor(List<Annotation> notes, Long goalId) {
        return notes.stream().filter(a -> a.goalId() == null || a.goalId().equals(goalId)).toList();
    }

    private static String unitLabel(String name, String unit) {
        return "percent".equals(unit) ? name + " (%)" : name;
    }

    private static void image(StringBuilder b, byte[] png, String alt) {
        double h = CONTENT_WIDTH_MM * ChartImages.HEIGHT / ChartImages.WIDTH;
        b.append("<img class=\"chart\" alt=\"").append(esc(alt)).append("\" style=\"width: ").append(fmt(CONTENT_WIDTH_MM))
                .append("mm; height: ").append(fmt(h)).append("mm\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\"/>");
    }

    private static String fmt(double mm) {
        return String.format(Locale.ROOT, "%.1f", mm);
    }

    private static String paragraphs(String text) {
        StringBuilder b = new StringBuilder();
        for (String p : text.strip().split("\\r?\\n\\s*\\r?\\n")) {
            b.append("<p>").append(esc(p.strip()).replace("\n", "<br/>")).append("</p>");
        }
        return b.toString();
    }

    private static StringBuilder start(String title, String footer) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/><title>").append(esc(title)).append("</title><style>")
                .append(CSS.replace("FOOTER", esc(footer).replace("\"", "'"))).append("</style></head><body>");
        return b;
    }

    private static String end(StringBuilder b) {
        return b.append("</body></html>").toString();
    }

    private static final String CSS = """
            @page { size: A4; margin: 16mm 16mm 18mm 16mm;
              @bottom-left { content: "FOOTER"; font-family: 'Goalpost Sans', sans-serif; font-size: 8pt; color: #6b7280; }
              @bottom-right { content: "Page " counter(page) " of " counter(pages); font-family: 'Goalpost Sans', sans-serif;
                font-size: 8pt; color: #6b7280; } }
            body { font-family: 'Goalpost Sans', sans-serif; font-size: 9.5pt; color: #111827; line-height: 1.35; }
            h1 { font-size: 20pt; margin: 0 0 4mm 0; }
            h2 { font-size: 14pt; margin: 6mm 0 2mm 0; border-bottom: 0.3mm solid #d1d5db; padding-bottom: 1mm; }
            h3 { font-size: 11pt; margin: 4mm 0 1.5mm 0; }
            h1, h2, h3 { page-break-after: avoid; }
            p { margin: 0 0 2mm 0; }
            .keep { page-break-inside: avoid; }
            .new-page { page-break-before: always; }
            .cover { padding-top: 30mm; }
            .kicker { color: #2563eb; font-size: 9pt; margin-bottom: 2mm; }
            .demo-data { border: 1.5pt solid #92400e; background: #fef3c7; color: #78350f; padding: 3mm; margin: 3mm 0; }
            .lead { font-size: 11pt; }
            .meta { color: #374151; }
            .muted { color: #6b7280; }
            .small { font-size: 8pt; }
            .commentary { margin-top: 8mm; }
            .goal { margin-bottom: 5mm; }
            img.chart { display: block; margin: 2mm 0 1mm 0; }
            table { border-collapse: collapse; width: 100%; -fs-table-paginate: paginate; }
            tr { page-break-inside: avoid; }
            table.facts { width: auto; margin: 2mm 0; }
            table.facts th { text-align: left; font-weight: normal; color: #6b7280; padding: 0.5mm 2mm 0.5mm 0; }
            table.facts td { padding: 0.5mm 6mm 0.5mm 0; font-weight: bold; }
            table.grid th { text-align: left; background: #f3f4f6; border-bottom: 0.3mm solid #d1d5db; padding: 1mm 1.5mm; font-size: 8.5pt; }
            table.grid td { border-bottom: 0.2mm solid #e5e7eb; padding: 1mm 1.5mm; vertical-align: top; word-wrap: break-word; }
            table.grid .num { text-align: right; }
            table.posts, table.kpis { table-layout: fixed; }
            table.posts tr.has-text td { border-bottom: none; }
            table.posts tr.post-text td { padding-top: 0; white-space: pre-line; }
            table.kpis td.num { white-space: nowrap; }
            table.kpis td.num .small { white-space: normal; display: block; }
            table.grid tr.total td { font-weight: bold; }
            .status { font-weight: bold; padding: 0.3mm 1.5mm; border-radius: 1mm; background: #e5e7eb; }
            .status-on_track, .status-achieved { background: #d1fae5; color: #065f46; }
            .status-at_risk { background: #fef3c7; color: #92400e; }
            .status-off_track, .status-missed { background: #fee2e2; color: #991b1b; }
            a { color: #1d4ed8; }
            """;
}
