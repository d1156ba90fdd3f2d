-- An account's quota buckets (sync/QuotaBuckets: one row per account quota, its key
-- "network|account|limit/window|calls|<account id>", with "|x<time scale>" after it when the sync
-- benchmark compresses the windows) go with the account: nothing else ever removed them, so every
-- account ever connected left its buckets behind. A trigger rather than the delete route, so that
-- every way an account is deleted, on any instance, takes them along.
CREATE FUNCTION quota_bucket_drop_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM quota_bucket
     WHERE starts_with(id, OLD.network || '|account|')
       AND id ~ ('\|' || OLD.id || '(\|x[0-9.Ee+-]+)?$');
    RETURN NULL;
END $$;

CREATE TRIGGER account_quota_buckets AFTER DELETE ON account
    FOR EACH ROW EXECUTE FUNCTION quota_bucket_drop_account();

-- The buckets of accounts deleted before this migration.
DELETE FROM quota_bucket q
 WHERE q.id ~ '^[^|]+\|account\|'
   AND NOT EXISTS (SELECT 1 FROM account a
                    WHERE a.id = substring(q.id FROM '\|([0-9]+)(\|x[0-9.Ee+-]+)?$')::bigint
                      AND a.network = split_part(q.id, '|', 1));
