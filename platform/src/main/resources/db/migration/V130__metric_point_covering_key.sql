-- The roll-up reads (KpiSql's day segments, a growth KPI's first level, the roll-up triggers'
-- last-day lookups) read metric_point's value by (account, metric, day range). With the value in
-- the primary key's index (INCLUDE) these are index-only scans: no heap page per point read. The
-- key, and so ON CONFLICT (account_id, metric, day) of every writer, is unchanged; the index is
-- rebuilt once (about 4 s for 2.2 M points, proportionally longer on larger histories).
ALTER TABLE metric_point DROP CONSTRAINT metric_point_pkey,
    ADD CONSTRAINT metric_point_pkey PRIMARY KEY (account_id, metric, day) INCLUDE (value);
