-- Due work is now taken by priority, then time (SyncScheduler): alerts, report schedules and token
-- renewal first, regular account syncs next, older history of a backfill last. Rows written before
-- carry db-scheduler's default (50) or, when inserted by hand, none: a NULL would sort first.
UPDATE scheduled_tasks SET priority = 90 WHERE task_name IN ('notifications', 'report-schedules', 'token-renewal');
UPDATE scheduled_tasks SET priority = 50 WHERE priority IS NULL;
