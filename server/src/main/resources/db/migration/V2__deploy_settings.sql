-- Per-environment deploy strategy, and which strategy each deployment used.
CREATE TABLE deploy_settings (
    app             VARCHAR(40) NOT NULL,
    env             VARCHAR(40) NOT NULL,
    strategy        VARCHAR(20) NOT NULL,
    max_surge       INTEGER     NOT NULL,
    max_unavailable INTEGER     NOT NULL,
    keep_warm_s     INTEGER     NOT NULL,
    ready_timeout_s INTEGER     NOT NULL,
    PRIMARY KEY (app, env),
    FOREIGN KEY (app, env) REFERENCES environments (app, name) ON DELETE CASCADE
);

ALTER TABLE deployments ADD COLUMN strategy VARCHAR(20);
