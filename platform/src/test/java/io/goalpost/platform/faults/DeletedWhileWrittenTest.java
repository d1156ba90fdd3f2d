package io.goalpost.platform.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.kpis.AnalyticsHarness;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A goal or account deleted while a tactic or an import is written to it: the write answers 404
 * naming what is gone (before: 500 "internal error"). The race is made certain with a trigger that
 * deletes the parent just before the write's rows arrive, after the route's own existence check.
 */
final class DeletedWhileWrittenTest {

    AnalyticsHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = AnalyticsHarness.start(LocalDate.of(2026, 3, 1));
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    @Test
    void aTacticForAGoalDeletedMeanwhileIs404() throws Exception {
        h.account("facebook", "FB");
        AnalyticsHarness.Reply goal = h.post("/goals", new JsonObject().put("title", "Grow").put("objective", "brand_awareness")
                .put("kpi", "followers").put("scope", new JsonObject().put("networks", new JsonArray().add("facebook")))
                .put("target", new JsonObject().put("type", "increase_pct").put("value", 20))
                .put("start", "2026-01-01").put("deadline", "2026-06-30").put("owner", "Dana").put("why", "Reach."));
        assertThat(goal.status()).as(goal.body()).isEqualTo(201);
        long id = goal.json().getLong("id");
        h.sql("CREATE FUNCTION test_delete_goal() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "DELETE FROM goal WHERE id = NEW.goal_id; RETURN NEW; END $$",
                "CREATE TRIGGER test_delete_goal BEFORE INSERT ON tactic FOR EACH ROW EXECUTE FUNCTION test_delete_goal()");
        AnalyticsHarness.Reply r = h.post("/goals/" + id + "/tactics", new JsonObject().put("title", "Post daily")
                .put("owner", "Dana").put("status", "todo").put("value", 4).put("complexity", 2));
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(r.json().getString("error")).isEqualTo("goal " + id + " not found (it was deleted)");
    }

    @Test
    void anImportIntoAnAccountDeletedMeanwhileIs404() throws Exception {
        long acc = h.account("manual", "Website");
        h.sql("CREATE FUNCTION test_delete_account() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "DELETE FROM account WHERE id = NEW.account_id; RETURN NEW; END $$",
                "CREATE TRIGGER test_delete_account BEFORE INSERT ON metric_point FOR EACH ROW EXECUTE FUNCTION test_delete_account()");
        AnalyticsHarness.Reply csv = h.postText("/accounts/" + acc + "/metrics/csv", "text/csv",
                "day,metric,value\n2026-01-03,web_sessions,10\n");
        assertThat(csv.status()).as(csv.body()).isEqualTo(404);
        assertThat(csv.json().getString("error")).isEqualTo("account " + acc + " not found (it was deleted)");
    }
}
