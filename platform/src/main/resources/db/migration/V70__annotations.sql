-- Annotations: dated notes ("spring campaign starts") drawn as markers on charts and listed in reports.
-- goal_id NULL: the note belongs on every chart; otherwise on that goal's charts (and goes with the goal).
CREATE TABLE annotation (
    id          BIGSERIAL   PRIMARY KEY,
    day         DATE        NOT NULL,
    text        TEXT        NOT NULL CHECK (length(text) BETWEEN 1 AND 200),
    goal_id     BIGINT      REFERENCES goal (id) ON DELETE CASCADE,
    created_by  TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX annotation_day_idx ON annotation (day);
CREATE INDEX annotation_goal_idx ON annotation (goal_id) WHERE goal_id IS NOT NULL;
