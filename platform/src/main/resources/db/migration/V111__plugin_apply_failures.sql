-- Changes of the desired plugin set (plugin_install) that an instance failed to apply and retries
-- with back-off, so that the plugins page and /api/health of every instance show them, whichever
-- instance the administrator reaches. An instance rewrites its rows at each reconcile (2 s) while
-- it has any and deletes them when it stops; rows not refreshed for a minute belong to an instance
-- that died and are not listed (and are deleted after a day).
CREATE TABLE plugin_apply_failure (
    instance     TEXT        NOT NULL,
    plugin_id    TEXT        NOT NULL,
    version      TEXT        NOT NULL,
    enabled      BOOLEAN     NOT NULL,
    revision     BIGINT      NOT NULL,
    attempts     INT         NOT NULL,
    error        TEXT        NOT NULL,
    failed_at    TIMESTAMPTZ NOT NULL,
    next_attempt TIMESTAMPTZ NOT NULL,
    seen_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (instance, plugin_id)
);
