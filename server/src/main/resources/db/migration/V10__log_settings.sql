-- Per-environment log retention (issue 6); absent rows use coderunner.logs.max-age / max-size.
CREATE TABLE log_settings (
    app             VARCHAR(40) NOT NULL,
    env             VARCHAR(40) NOT NULL,
    max_age_seconds BIGINT      NOT NULL,
    max_size_bytes  BIGINT      NOT NULL,
    PRIMARY KEY (app, env)
);
