-- The networks' call quotas as token buckets shared by every instance (sync/QuotaBuckets, Bucket4j's
-- PostgreSQL proxy manager: one row per bucket, its state serialized by Bucket4j).
CREATE TABLE quota_bucket (
    id         TEXT PRIMARY KEY, -- network | scope | limit/window | calls [| account id]
    state      BYTEA,
    expires_at BIGINT
);

-- A backfill now fetches the most recent days first, then older history: the oldest day fetched so far
-- (everything from it to synced_through is stored).
ALTER TABLE sync_state ADD COLUMN history_from DATE;
-- Earlier versions fetched oldest first: everything before synced_through is there already.
UPDATE sync_state SET history_from = DATE '1970-01-01' WHERE synced_through IS NOT NULL;
