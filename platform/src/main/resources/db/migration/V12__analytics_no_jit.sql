-- The analytics queries are short (tens of milliseconds) but their row estimates over unnest()
-- parameters often exceed jit_above_cost; compiling them with LLVM then costs 30–40 ms more than it
-- saves (measured on the benchmark data). Turn JIT off for this database's new sessions. Where the
-- migrating role may not alter the database (a managed server), leave the setting alone.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'could not turn JIT off for database %: %', current_database(), SQLERRM;
END $$;
