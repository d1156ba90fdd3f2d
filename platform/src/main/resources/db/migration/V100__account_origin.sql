-- Where an account's numbers come from, for good: 'network' (a real network's API), 'sandbox' (a
-- simulated network of the demo: its history is synthetic) or 'manual' (typed in or imported from CSV).
-- The mark never changes, so a demo data directory later run with `serve` still says its history is
-- simulated.
ALTER TABLE account ADD COLUMN origin text NOT NULL DEFAULT 'network';
UPDATE account SET origin = 'manual' WHERE network = 'manual';
-- Accounts from before the mark: only the demo's loopback sandboxes could be reached at 127.0.0.1
-- (the demo points its accounts there, and re-points them there on every start).
UPDATE account SET origin = 'sandbox' WHERE network <> 'manual' AND config::text LIKE '%"http://127.0.0.1:%';
ALTER TABLE account ADD CONSTRAINT account_origin_known CHECK (origin IN ('network', 'sandbox', 'manual'));
