-- Where each account's stored history of a metric begins and ends, kept by statement-level triggers
-- like the roll-ups (V10), so that ReportingExtents reads one row per account and metric instead of
-- two index probes into metric_point: for 1,000 accounts that was 10,000 probes, 40-50 ms before a
-- dashboard's roll-ups could start. A day in the future (a scheduled import) is counted here; readers
-- asking up to an earlier day probe metric_point for the accounts it concerns.
CREATE TABLE metric_extent (
    account_id  BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    metric      TEXT   NOT NULL,
    first_day   DATE   NOT NULL,
    last_day    DATE   NOT NULL,
    PRIMARY KEY (account_id, metric)
);

INSERT INTO metric_extent (account_id, metric, first_day, last_day)
SELECT account_id, metric, min(day), max(day) FROM metric_point GROUP BY 1, 2;

CREATE FUNCTION metric_extent_maintain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE metric_extent;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        -- Nothing left of the metric: no extent. Otherwise, where a deleted day was the first or the
        -- last, read it again from what is left (after an UPDATE, from the updated rows).
        DELETE FROM metric_extent e USING (SELECT DISTINCT account_id, metric FROM old_points) g
         WHERE e.account_id = g.account_id AND e.metric = g.metric
           AND NOT EXISTS (SELECT 1 FROM metric_point p WHERE p.account_id = e.account_id AND p.metric = e.metric);
        UPDATE metric_extent e
           SET first_day = (SELECT p.day FROM metric_point p WHERE p.account_id = e.account_id AND p.metric = e.metric
                             ORDER BY p.day LIMIT 1),
               last_day = (SELECT p.day FROM metric_point p WHERE p.account_id = e.account_id AND p.metric = e.metric
                            ORDER BY p.day DESC LIMIT 1)
          FROM (SELECT account_id, metric, min(day) AS lo, max(day) AS hi FROM old_points GROUP BY 1, 2) g
         WHERE e.account_id = g.account_id AND e.metric = g.metric AND (g.lo <= e.first_day OR g.hi >= e.last_day);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO metric_extent AS e (account_id, metric, first_day, last_day)
        SELECT account_id, metric, min(day), max(day) FROM new_points GROUP BY 1, 2
        ON CONFLICT (account_id, metric) DO UPDATE SET
            first_day = LEAST(e.first_day, EXCLUDED.first_day),
            last_day = GREATEST(e.last_day, EXCLUDED.last_day);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER metric_point_extent_insert AFTER INSERT ON metric_point
    REFERENCING NEW TABLE AS new_points FOR EACH STATEMENT EXECUTE FUNCTION metric_extent_maintain();
CREATE TRIGGER metric_point_extent_update AFTER UPDATE ON metric_point
    REFERENCING OLD TABLE AS old_points NEW TABLE AS new_points FOR EACH STATEMENT EXECUTE FUNCTION metric_extent_maintain();
CREATE TRIGGER metric_point_extent_delete AFTER DELETE ON metric_point
    REFERENCING OLD TABLE AS old_points FOR EACH STATEMENT EXECUTE FUNCTION metric_extent_maintain();
CREATE TRIGGER metric_point_extent_truncate AFTER TRUNCATE ON metric_point
    FOR EACH STATEMENT EXECUTE FUNCTION metric_extent_maintain();
