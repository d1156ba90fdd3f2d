package io.goalpost.platform.annotations;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.kpis.AnalyticsHarness;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/annotations}: dated notes on every chart or on one goal's, written by editors and audited. */
class AnnotationsApiTest {

    static AnalyticsHarness h;
    static long goal;
    static long other;

    @BeforeAll
    static void setUp() throws Exception {
        h = AnalyticsHarness.start(LocalDate.of(2026, 2, 14));
        h.account("facebook", "Acme FB");
        goal = goalNamed("Reach");
        other = goalNamed("Views");
    }

    static long goalNamed(String title) throws Exception {
        AnalyticsHarness.Reply r = h.post("/goals", new JsonObject().put("title", title).put("objective", "brand_awareness").put("kpi", "views")
                .put("target", new JsonObject().put("type", "absolute").put("value", 1000))
                .put("start", "2026-01-15").put("deadline", "2026-03-31"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getLong("id");
    }

    @BeforeEach
    void clean() throws Exception {
        h.sql("DELETE FROM annotation", "DELETE FROM audit_event");
    }

    @AfterAll
    static void tearDown() throws Exception {
        h.close();
    }

    static List<String> texts(String query) throws Exception {
        AnalyticsHarness.Reply r = h.get("/annotations" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getJsonArray("annotations").stream().map(o -> ((JsonObject) o).getString("text")).toList();
    }

    static JsonObject add(String day, String text, Long goalId) throws Exception {
        AnalyticsHarness.Reply r = h.post("/annotations", new JsonObject().put("day", day).put("text", text).put("goal_id", goalId));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    @Test
    void notesOnEveryChartAndOnOneGoalAreListedByDay() throws Exception {
        JsonObject spring = add("2026-03-01", "  Spring campaign starts ", null);
        assertThat(spring.getString("text")).isEqualTo("Spring campaign starts");
        assertThat(spring.getString("created_by")).isNotBlank();
        assertThat(spring.getValue("goal_id")).isNull();
        add("2026-02-10", "Algorithm change", goal);
        add("2026-02-12", "Other goal's note", other);
        assertThat(texts("")).containsExactly("Algorithm change", "Other goal's note", "Spring campaign starts");
        assertThat(texts("?goal=" + goal)).containsExactly("Algorithm change", "Spring campaign starts");
        assertThat(texts("?goal=none")).containsExactly("Spring campaign starts");
        assertThat(texts("?from=2026-02-11&to=2026-02-28")).containsExactly("Other goal's note");
    }

    @Test
    void writingAndDeletingAreAuditedAndADeletedNoteIsGone() throws Exception {
        long id = add("2026-02-10", "Launch", null).getLong("id");
        AnalyticsHarness.Reply del = h.delete("/annotations/" + id);
        assertThat(del.status()).isEqualTo(204);
        assertThat(h.delete("/annotations/" + id).status()).isEqualTo(404);
        assertThat(texts("")).isEmpty();
        try (var c = h.jdbc(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT action, target_id, target_name FROM audit_event ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("annotation.created");
            assertThat(rs.getString(2)).isEqualTo(String.valueOf(id));
            assertThat(rs.getString(3)).isEqualTo("Launch");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("annotation.deleted");
        }
    }

    @Test
    void aGoalsNotesGoWithTheGoal() throws Exception {
        long doomed = goalNamed("Short-lived");
        add("2026-02-10", "Goes with its goal", doomed);
        add("2026-02-11", "Stays", null);
        assertThat(h.delete("/goals/" + doomed).status()).isEqualTo(204);
        assertThat(texts("")).containsExactly("Stays");
    }

    @Test
    void badNotesAreRefusedNamingTheField() throws Exception {
        AnalyticsHarness.Reply noDay = h.post("/annotations", new JsonObject().put("text", "x"));
        assertThat(noDay.status()).isEqualTo(400);
        assertThat(noDay.json().getJsonObject("details").getString("day")).isNotBlank();
        AnalyticsHarness.Reply blank = h.post("/annotations", new JsonObject().put("day", "2026-02-01").put("text", "   "));
        assertThat(blank.json().getJsonObject("details").getString("text")).isNotBlank();
        AnalyticsHarness.Reply longText = h.post("/annotations", new JsonObject().put("day", "2026-02-01").put("text", "x".repeat(201)));
        assertThat(longText.status()).isEqualTo(400);
        AnalyticsHarness.Reply missingGoal = h.post("/annotations", new JsonObject().put("day", "2026-02-01").put("text", "x")
                .put("goal_id", 999999));
        assertThat(missingGoal.status()).isEqualTo(400);
        assertThat(missingGoal.json().getJsonObject("details").getString("goal_id")).contains("does not exist");
        AnalyticsHarness.Reply badGoal = h.post("/annotations", new JsonObject().put("day", "2026-02-01").put("text", "x")
                .put("goal_id", "seven"));
        assertThat(badGoal.status()).isEqualTo(400);
        assertThat(h.get("/annotations?goal=abc").status()).isEqualTo(400);
        assertThat(texts("")).isEmpty();
    }

    @Test
    void theAnswerHasTheShapeTheDocsGive() throws Exception {
        add("2026-02-10", "Launch", goal);
        JsonArray list = h.get("/annotations").json().getJsonArray("annotations");
        JsonObject a = list.getJsonObject(0);
        assertThat(a.fieldNames()).containsExactlyInAnyOrder("id", "day", "text", "goal_id", "created_by", "created_at");
        assertThat(a.getLong("goal_id")).isEqualTo(goal);
        assertThat(a.getString("day")).isEqualTo("2026-02-10");
    }
}
