-- Plugin files that were refused (bad or missing signature, unknown key, tampered, wrong checksum,
-- incompatible plugin-api range, duplicate network id, did not start), kept so that every instance
-- and a restarted server list them on the plugins page and in /api/health (platform/API-plugins.md).
-- A 'directory' row names a file of the plugins directory: the instance that starts last replaces
-- these rows with what it refused of its directory, so a removed or replaced file drops out. An
-- 'operation' row names an upload, a catalog download or a desired version refused by an instance;
-- it goes once a version of the same plugin is installed, or when the same file is refused again.
CREATE TABLE plugin_refusal (
    source      TEXT        NOT NULL CHECK (source IN ('directory', 'operation')),
    file        TEXT        NOT NULL,
    plugin_id   TEXT        NOT NULL, -- the file name when the zip could not be read that far
    version     TEXT        NOT NULL DEFAULT '',
    reason      TEXT        NOT NULL,
    refused_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (source, file)
);
