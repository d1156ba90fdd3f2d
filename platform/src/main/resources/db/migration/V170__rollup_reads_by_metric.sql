-- A dashboard recomputation reads one or two metrics over a few periods for every account in scope.
-- Through the primary keys (account first) that was an index descent per account, period range and
-- metric: for 1,000 accounts one KPI-table statement touched 22,000 index pages (72 ms). With the
-- metric and period first it is one range scan per metric and period range (576 pages, 35 ms), and
-- a recomputation at 1,000 accounts took 323-335 ms instead of 391-406 (docs/performance.md). The
-- scope's accounts are then a filter on the rows read. Writers pay one more index entry per point;
-- building these takes about 20 s per 10 M points, during which writes wait.
CREATE INDEX metric_point_by_metric_day ON metric_point (metric, day) INCLUDE (account_id, value);
CREATE INDEX metric_week_by_metric_period ON metric_week (metric, period) INCLUDE (account_id, total, days, last_day, last_value);
CREATE INDEX metric_month_by_metric_period ON metric_month (metric, period) INCLUDE (account_id, total, days, last_day, last_value);
