-- Roll-ups of metric_point per account, metric and ISO week / calendar month, kept exact for every
-- writer of metric_point (sync upserts, manual and CSV imports, COPY backfills, account deletes that
-- cascade) by statement-level AFTER triggers reading the statement's transition tables.
--
--   total       sum of the values stored in the period (flows)
--   days        number of days stored in the period (0 never stays: the row is removed)
--   last_day    the latest stored day in the period, last_value its value (levels)
--
-- The key leads with the account so that a scope's history is one index range per account and
-- metric; it carries the values (INCLUDE) so reads are index-only scans.
--
-- Inserts are merged incrementally (sum + sum, count + count, later last day wins): a COPY of
-- millions of rows costs one hash aggregate of its transition table. Deletes subtract, drop rows
-- left with no day, and re-read the last stored day from metric_point when the last day itself was
-- deleted. Updates are a delete of the old rows followed by an insert of the new ones.
--
-- rollup_generation is a sharded counter that every write statement to metric_point (and to the
-- tables the analytics answers depend on) increments in its own transaction; readers compare its
-- sum to decide whether a cached answer is still current. It becomes visible with the data it
-- counts, so a reader never pairs new data with an old generation.

CREATE TABLE metric_week (
    metric      TEXT             NOT NULL,
    period      DATE             NOT NULL, -- Monday of the ISO week
    account_id  BIGINT           NOT NULL,
    total       DOUBLE PRECISION NOT NULL,
    days        INT              NOT NULL,
    last_day    DATE             NOT NULL,
    last_value  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (account_id, metric, period) INCLUDE (total, days, last_day, last_value)
);

CREATE TABLE metric_month (
    metric      TEXT             NOT NULL,
    period      DATE             NOT NULL, -- first day of the month
    account_id  BIGINT           NOT NULL,
    total       DOUBLE PRECISION NOT NULL,
    days        INT              NOT NULL,
    last_day    DATE             NOT NULL,
    last_value  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (account_id, metric, period) INCLUDE (total, days, last_day, last_value)
);

CREATE TABLE rollup_generation (
    shard  INT    PRIMARY KEY,
    gen    BIGINT NOT NULL
);
INSERT INTO rollup_generation (shard, gen) SELECT s, 0 FROM generate_series(0, 15) AS s;

-- ISO week start (Monday) and month start of a day, without time zones.
CREATE FUNCTION rollup_week_of(d DATE) RETURNS DATE LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT d - (extract(isodow FROM d)::int - 1) $$;

CREATE FUNCTION rollup_month_of(d DATE) RETURNS DATE LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT d - (extract(day FROM d)::int - 1) $$;

CREATE FUNCTION rollup_bump() RETURNS void LANGUAGE sql AS
$$ UPDATE rollup_generation SET gen = gen + 1 WHERE shard = pg_backend_pid() % 16 $$;

-- Merges inserted rows (transition table new_points) into both roll-ups.
CREATE FUNCTION metric_rollup_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO metric_week AS w (metric, period, account_id, total, days, last_day, last_value)
    SELECT metric, rollup_week_of(day), account_id, sum(value), count(*), max(day),
           (max(ARRAY[(day - DATE '2000-01-01')::float8, value]))[2]
      FROM new_points
     GROUP BY 1, 2, 3
    ON CONFLICT (account_id, metric, period) DO UPDATE SET
        total = w.total + EXCLUDED.total,
        days = w.days + EXCLUDED.days,
        last_value = CASE WHEN EXCLUDED.last_day >= w.last_day THEN EXCLUDED.last_value ELSE w.last_value END,
        last_day = GREATEST(w.last_day, EXCLUDED.last_day);

    INSERT INTO metric_month AS m (metric, period, account_id, total, days, last_day, last_value)
    SELECT metric, rollup_month_of(day), account_id, sum(value), count(*), max(day),
           (max(ARRAY[(day - DATE '2000-01-01')::float8, value]))[2]
      FROM new_points
     GROUP BY 1, 2, 3
    ON CONFLICT (account_id, metric, period) DO UPDATE SET
        total = m.total + EXCLUDED.total,
        days = m.days + EXCLUDED.days,
        last_value = CASE WHEN EXCLUDED.last_day >= m.last_day THEN EXCLUDED.last_value ELSE m.last_value END,
        last_day = GREATEST(m.last_day, EXCLUDED.last_day);

    PERFORM rollup_bump();
    RETURN NULL;
END $$;

-- Removes deleted rows (transition table old_points) from both roll-ups.
CREATE FUNCTION metric_rollup_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE metric_week w SET total = w.total - d.s, days = w.days - d.c
      FROM (SELECT metric, rollup_week_of(day) AS period, account_id, sum(value) AS s, count(*) AS c
              FROM old_points GROUP BY 1, 2, 3) d
     WHERE w.metric = d.metric AND w.period = d.period AND w.account_id = d.account_id;
    DELETE FROM metric_week w USING (SELECT DISTINCT metric, rollup_week_of(day) AS period, account_id FROM old_points) d
     WHERE w.metric = d.metric AND w.period = d.period AND w.account_id = d.account_id AND w.days <= 0;
    UPDATE metric_week w SET (last_day, last_value) =
           (SELECT p.day, p.value FROM metric_point p
             WHERE p.account_id = w.account_id AND p.metric = w.metric
               AND p.day BETWEEN w.period AND w.period + 6
             ORDER BY p.day DESC LIMIT 1)
     WHERE EXISTS (SELECT 1 FROM old_points o
                    WHERE o.account_id = w.account_id AND o.metric = w.metric AND o.day = w.last_day)
       AND (w.metric, w.period, w.account_id) IN
           (SELECT DISTINCT metric, rollup_week_of(day), account_id FROM old_points);

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
     WHERE EXISTS (SELECT 1 FROM old_points o
                    WHERE o.account_id = m.account_id AND o.metric = m.metric AND o.day = m.last_day)
       AND (m.metric, m.period, m.account_id) IN
           (SELECT DISTINCT metric, rollup_month_of(day), account_id FROM old_points);

    PERFORM rollup_bump();
    RETURN NULL;
END $$;

CREATE FUNCTION metric_rollup_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE metric_week, metric_month;
    PERFORM rollup_bump();
    RETURN NULL;
END $$;

CREATE FUNCTION rollup_bump_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM rollup_bump();
    RETURN NULL;
END $$;

CREATE TRIGGER metric_point_rollup_insert AFTER INSERT ON metric_point
    REFERENCING NEW TABLE AS new_points FOR EACH STATEMENT EXECUTE FUNCTION metric_rollup_on_insert();
-- An update is the old rows leaving, then the new rows arriving (it may even move a row to another
-- day): the delete and insert functions run as two triggers, which fire in name order.
CREATE TRIGGER metric_point_rollup_update_1_old AFTER UPDATE ON metric_point
    REFERENCING OLD TABLE AS old_points FOR EACH STATEMENT EXECUTE FUNCTION metric_rollup_on_delete();
CREATE TRIGGER metric_point_rollup_update_2_new AFTER UPDATE ON metric_point
    REFERENCING NEW TABLE AS new_points FOR EACH STATEMENT EXECUTE FUNCTION metric_rollup_on_insert();
CREATE TRIGGER metric_point_rollup_delete AFTER DELETE ON metric_point
    REFERENCING OLD TABLE AS old_points FOR EACH STATEMENT EXECUTE FUNCTION metric_rollup_on_delete();
CREATE TRIGGER metric_point_rollup_truncate AFTER TRUNCATE ON metric_point
    FOR EACH STATEMENT EXECUTE FUNCTION metric_rollup_on_truncate();

-- Coverage and scopes depend on the accounts and posts too.
CREATE TRIGGER account_rollup_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON account
    FOR EACH STATEMENT EXECUTE FUNCTION rollup_bump_trigger();
CREATE TRIGGER post_metric_rollup_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON post_metric
    FOR EACH STATEMENT EXECUTE FUNCTION rollup_bump_trigger();
CREATE TRIGGER post_rollup_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON post
    FOR EACH STATEMENT EXECUTE FUNCTION rollup_bump_trigger();
