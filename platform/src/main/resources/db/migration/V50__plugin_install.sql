-- The desired plugin set, shared by every instance on this database: each reconciles its loaded
-- plugins to these rows within seconds (platform/API-plugins.md). A row overrides the plugins directory
-- for its plugin id. The zip is kept so every instance loads exactly the bytes that were checked.
CREATE SEQUENCE plugin_install_revision;

CREATE TABLE plugin_install (
    plugin_id   TEXT        PRIMARY KEY,
    version     TEXT        NOT NULL,
    enabled     BOOLEAN     NOT NULL DEFAULT TRUE,
    removed     BOOLEAN     NOT NULL DEFAULT FALSE, -- uninstalled: not loaded even if the plugins directory has it
    sha512      TEXT,                               -- of package; null when removed
    package     BYTEA,                              -- the plugin zip as uploaded (signed); null when removed
    file_name   TEXT        NOT NULL DEFAULT '',
    revision    BIGINT      NOT NULL DEFAULT nextval('plugin_install_revision'), -- raised by every change
    changed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    changed_by  TEXT,
    CHECK (removed OR (package IS NOT NULL AND sha512 IS NOT NULL))
);
