-- Reports take the team's time zone from team_settings (V80, set with PUT /api/settings/team), the one
-- the web UI shows every time in; report_settings.time_zone (V71) was a second copy of the same fact.
-- A team that had set a zone only for reports keeps it: it becomes the team's zone unless the team has
-- already chosen one. On a new database this runs before V80 creates team_settings (and the report
-- zone is still the default UTC), hence the guard; on a database that has V80 it runs out of order.
DO $$
BEGIN
    IF to_regclass('public.team_settings') IS NOT NULL THEN
        UPDATE team_settings t SET time_zone = r.time_zone, updated_at = now()
          FROM report_settings r
         WHERE r.id = 1 AND r.time_zone <> 'UTC' AND t.time_zone = 'UTC';
    END IF;
END $$;

ALTER TABLE report_settings DROP COLUMN time_zone;
