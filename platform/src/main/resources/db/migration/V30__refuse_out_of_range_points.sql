-- Metric values are from 0 to 10^15 (plugin-api MetricPoint.MAX_VALUE; API-analytics.md, "Input limits").
--
-- Why: before this rule the manual and CSV imports took any finite double. Two imports of
-- views = 1e308 made every roll-up that summed them (GET /api/dashboard, GET /api/kpis/views) fail
-- with PostgreSQL's "value out of range: overflow", for every user. No network reports a value near
-- 10^15, so a value above it (or a negative one) is a unit or parsing error that no sum can use. With
-- every stored value at most 10^15, no sum the host computes can overflow.
--
-- 1. Delete the metric points and post metrics stored outside the range. The test is written
--    NOT (value >= 0 AND value <= 1e15) so that NaN (greater than every number in PostgreSQL) and
--    ±Infinity, which a COPY could have stored, go too.
-- 2. Rebuild the roll-up rows (metric_week, metric_month) of the periods those points were in, from
--    metric_point. The delete trigger would subtract the deleted values from the stored totals, but a
--    total that held 1e308 had already absorbed the period's ordinary values (1e308 + 5 = 1e308), so
--    subtracting cannot give them back; it could even overflow itself. The trigger is therefore off for
--    this one delete, and the periods concerned are recomputed exactly instead.
-- 3. From now on the database refuses such values from any writer (imports and syncs check them
--    first; a COPY or a hand-written statement is refused too).

CREATE TEMPORARY TABLE v30_touched ON COMMIT DROP AS
SELECT DISTINCT account_id, metric, rollup_week_of(day) AS week, rollup_month_of(day) AS month
  FROM metric_point
 WHERE NOT (value >= 0 AND value <= 1e15::float8);

ALTER TABLE metric_point DISABLE TRIGGER metric_point_rollup_delete;
DELETE FROM metric_point WHERE NOT (value >= 0 AND value <= 1e15::float8);
ALTER TABLE metric_point ENABLE TRIGGER metric_point_rollup_delete;

DELETE FROM metric_week w USING (SELECT DISTINCT account_id, metric, week FROM v30_touched) t
 WHERE w.account_id = t.account_id AND w.metric = t.metric AND w.period = t.week;
INSERT INTO metric_week (metric, period, account_id, total, days, last_day, last_value)
SELECT p.metric, rollup_week_of(p.day), p.account_id, sum(p.value), count(*), max(p.day),
       (max(ARRAY[(p.day - DATE '2000-01-01')::float8, p.value]))[2]
  FROM metric_point p
  JOIN (SELECT DISTINCT account_id, metric, week FROM v30_touched) t
    ON p.account_id = t.account_id AND p.metric = t.metric AND p.day BETWEEN t.week AND t.week + 6
 GROUP BY 1, 2, 3;

DELETE FROM metric_month m USING (SELECT DISTINCT account_id, metric, month FROM v30_touched) t
 WHERE m.account_id = t.account_id AND m.metric = t.metric AND m.period = t.month;
INSERT INTO metric_month (metric, period, account_id, total, days, last_day, last_value)
SELECT p.metric, rollup_month_of(p.day), p.account_id, sum(p.value), count(*), max(p.day),
       (max(ARRAY[(p.day - DATE '2000-01-01')::float8, p.value]))[2]
  FROM metric_point p
  JOIN (SELECT DISTINCT account_id, metric, month FROM v30_touched) t
    ON p.account_id = t.account_id AND p.metric = t.metric
   AND p.day >= t.month AND p.day < (t.month + INTERVAL '1 month')::date
 GROUP BY 1, 2, 3;

-- Cached analytics answers depend on the roll-ups: the changed data must be recomputed.
SELECT rollup_bump();

DELETE FROM post_metric WHERE NOT (value >= 0 AND value <= 1e15::float8);

ALTER TABLE metric_point ADD CONSTRAINT metric_point_value_range CHECK (value >= 0 AND value <= 1e15::float8);
ALTER TABLE post_metric ADD CONSTRAINT post_metric_value_range CHECK (value >= 0 AND value <= 1e15::float8);
