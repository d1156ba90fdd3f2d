-- The team's report settings (one row): the commentary written in the UI for the summary report, and
-- the team's time zone that the report's cover states and gives its generation time in.
CREATE TABLE report_settings (
    id          SMALLINT    PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    commentary  TEXT        NOT NULL DEFAULT '',
    time_zone   TEXT        NOT NULL DEFAULT 'UTC',
    updated_by  TEXT,
    updated_at  TIMESTAMPTZ
);

INSERT INTO report_settings (id) VALUES (1);
