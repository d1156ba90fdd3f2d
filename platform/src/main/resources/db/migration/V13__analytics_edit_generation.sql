-- Changes people make through the API (goals, tactics, accounts, imported points) are counted apart
-- from every other write in edit_generation. The analytics cache recomputes at once when this count
-- moves, so a person always sees their own change; when only rollup_generation moves (a background
-- sync wrote points), it keeps answering the previous result while one recomputation runs (see
-- AnalyticsCache).
CREATE TABLE edit_generation (
    shard  INT    PRIMARY KEY,
    gen    BIGINT NOT NULL
);
INSERT INTO edit_generation (shard, gen) SELECT s, 0 FROM generate_series(0, 15) AS s;

CREATE FUNCTION edit_bump() RETURNS void LANGUAGE sql AS
$$ UPDATE edit_generation SET gen = gen + 1 WHERE shard = pg_backend_pid() % 16 $$;

CREATE FUNCTION edit_bump_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM edit_bump();
    PERFORM rollup_bump();
    RETURN NULL;
END $$;

DROP TRIGGER account_rollup_generation ON account;
DROP TRIGGER goal_rollup_generation ON goal;
DROP TRIGGER tactic_rollup_generation ON tactic;
-- Syncs update an account's identity and refreshed tokens, which no analytics answer shows.
CREATE TRIGGER account_edit_generation AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF name, network ON account
    FOR EACH STATEMENT EXECUTE FUNCTION edit_bump_trigger();
CREATE TRIGGER goal_edit_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON goal
    FOR EACH STATEMENT EXECUTE FUNCTION edit_bump_trigger();
CREATE TRIGGER tactic_edit_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tactic
    FOR EACH STATEMENT EXECUTE FUNCTION edit_bump_trigger();
