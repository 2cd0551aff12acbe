-- Log drains (issue 6): where an environment's logs are forwarded, and how far each drain got.
CREATE TABLE log_drains (
    id          VARCHAR(40)   NOT NULL PRIMARY KEY,
    app         VARCHAR(40)   NOT NULL,
    env         VARCHAR(40)   NOT NULL,
    url         VARCHAR(2000) NOT NULL,
    sent_cursor BIGINT        NOT NULL,
    created_at  TIMESTAMP     NOT NULL
);
CREATE INDEX log_drains_env ON log_drains (app, env);
