-- The team's settings (one row): the time zone in which the web UI shows times of day (sync times,
-- audit entries, "generated at"), named to the user beside every such time.
CREATE TABLE team_settings (
    id          BOOLEAN      PRIMARY KEY DEFAULT TRUE CHECK (id),
    time_zone   TEXT         NOT NULL DEFAULT 'UTC',
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

INSERT INTO team_settings (id) VALUES (TRUE);
