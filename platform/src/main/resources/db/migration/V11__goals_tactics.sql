-- SMART goals (docs/kpis.md §5) and their tactics (docs/kpis.md §6). What the user states is stored, plus the
-- attainability check made when the goal was created or last changed (docs/kpis.md §5: "attainability when
-- the goal is created"); baseline, current value, progress, forecast and status are computed on
-- read from the stored history, so they always agree with it.

CREATE TABLE goal (
    id              BIGSERIAL PRIMARY KEY,
    title           TEXT             NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    objective       TEXT             NOT NULL,
    kpi             TEXT             NOT NULL,
    scope_networks  TEXT[]           NOT NULL DEFAULT '{}',
    scope_accounts  BIGINT[]         NOT NULL DEFAULT '{}',
    target_type     TEXT             NOT NULL CHECK (target_type IN ('absolute', 'increase_by', 'increase_pct')),
    target_value    DOUBLE PRECISION NOT NULL,
    start_day       DATE             NOT NULL,
    deadline        DATE             NOT NULL,
    owner           TEXT,
    why             TEXT,
    attainability   JSONB,
    created_at      TIMESTAMPTZ      NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ      NOT NULL DEFAULT now(),
    CHECK (deadline > start_day)
);

CREATE INDEX goal_deadline_idx ON goal (deadline, id);

CREATE TABLE tactic (
    id          BIGSERIAL PRIMARY KEY,
    goal_id     BIGINT      NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
    title       TEXT        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    owner       TEXT,
    due         DATE,
    status      TEXT        NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done', 'dropped')),
    value       SMALLINT    NOT NULL CHECK (value BETWEEN 1 AND 5),
    complexity  SMALLINT    NOT NULL CHECK (complexity BETWEEN 1 AND 5),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX tactic_goal_idx ON tactic (goal_id);

-- Cached goal and dashboard answers are keyed on the generation: any change here invalidates them.
CREATE TRIGGER goal_rollup_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON goal
    FOR EACH STATEMENT EXECUTE FUNCTION rollup_bump_trigger();
CREATE TRIGGER tactic_rollup_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tactic
    FOR EACH STATEMENT EXECUTE FUNCTION rollup_bump_trigger();
