-- The delete half of the roll-up triggers (also the first half of every UPDATE of metric_point)
-- re-reads a period's last stored day when that day itself was deleted. V10 found those periods
-- with an EXISTS over the transition table joined on (account, metric) only, combined with an IN
-- list: PostgreSQL has no statistics for transition tables, so it planned a hash join that paired
-- every deleted row with every touched period of its account and metric (515,515 pairs for 5,005
-- updated points, 0.8 s of a 1.1 s UPDATE on 4.4 M points; 7 s on the benchmark's 11 M).
-- Joining on the period's full key and its last day instead lets each deleted row find at most one
-- roll-up row through the primary key: the same 5,005-point UPDATE takes tens of milliseconds.
-- The totals and counts are maintained as before (same statements as V10).
CREATE OR REPLACE FUNCTION metric_rollup_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE metric_week w SET total = w.total - d.s, days = w.days - d.c
      FROM (SELECT metric, rollup_week_of(day) AS period, account_id, sum(value) AS s, count(*) AS c
              FROM old_points GROUP BY 1, 2, 3) d
     WHERE w.metric = d.metric AND w.period = d.period AND w.account_id = d.account_id;
    DELETE FROM metric_week w USING (SELECT DISTINCT metric, rollup_week_of(day) AS period, account_id FROM old_points) d
     WHERE w.metric = d.metric AND w.period = d.period AND w.account_id = d.account_id AND w.days <= 0;
    -- (account, metric, day) is unique in old_points, so each roll-up row matches at most once.
    UPDATE metric_week w SET (last_day, last_value) =
           (SELECT p.day, p.value FROM metric_point p
             WHERE p.account_id = w.account_id AND p.metric = w.metric
               AND p.day BETWEEN w.period AND w.period + 6
             ORDER BY p.day DESC LIMIT 1)
      FROM old_points o
     WHERE w.account_id = o.account_id AND w.metric = o.metric
       AND w.period = rollup_week_of(o.day) AND w.last_day = o.day;

    UPDATE metric_month m SET total = m.total - d.s, days = m.days - d.c
      FROM (SELECT metric, rollup_month_of(day) AS period, account_id, sum(value) AS s, count(*) AS c
              FROM old_points GROUP BY 1, 2, 3) d
     WHERE m.metric = d.metric AND m.period = d.period AND m.account_id = d.account_id;
    DELETE FROM metric_month m USING (SELECT DISTINCT metric, rollup_month_of(day) AS period, account_id FROM old_points) d
     WHERE m.metric = d.metric AND m.period = d.period AND m.account_id = d.account_id AND m.days <= 0;
    UPDATE metric_month m SET (last_day, last_value) =
           (SELECT p.day, p.value FROM metric_point p
             WHERE p.account_id = m.account_id AND p.metric = m.metric
               AND p.day >= m.period AND p.day < (m.period + INTERVAL '1 month')::date
             ORDER BY p.day DESC LIMIT 1)
      FROM old_points o
     WHERE m.account_id = o.account_id AND m.metric = o.metric
       AND m.period = rollup_month_of(o.day) AND m.last_day = o.day;

    PERFORM rollup_bump();
    RETURN NULL;
END $$;
