-- A running sync holds a lease on its account: who runs it and until when. The running instance
-- renews it every 5 seconds (SyncLeases); a sync interrupted by a crash, a kill or a database outage
-- stops renewing it, so 20 seconds later the account no longer shows "syncing now" and another run
-- (scheduled, or "Sync now" on any instance) may take the account over. Only one unexpired lease per
-- account exists, so an account never syncs twice at once, whichever path starts the sync.
ALTER TABLE sync_state ADD COLUMN lease_owner TEXT, ADD COLUMN lease_expires_at TIMESTAMPTZ;
