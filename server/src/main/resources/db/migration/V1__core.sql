-- Core schema: accounts, apps, environments, releases, deployments, config.
-- Portable between H2 and PostgreSQL.

CREATE TABLE users (
    id            VARCHAR(40)  PRIMARY KEY,
    username      VARCHAR(100) NOT NULL UNIQUE,
    password_hash VARCHAR(200) NOT NULL,
    role          VARCHAR(20)  NOT NULL,
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE api_tokens (
    id           VARCHAR(40)  PRIMARY KEY,
    user_id      VARCHAR(40)  NOT NULL REFERENCES users (id),
    name         VARCHAR(100) NOT NULL,
    token_hash   VARCHAR(100) NOT NULL UNIQUE,
    scope        VARCHAR(20)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE
);

CREATE TABLE apps (
    name       VARCHAR(40)  PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by VARCHAR(100) NOT NULL
);

CREATE TABLE environments (
    app             VARCHAR(40) NOT NULL REFERENCES apps (name) ON DELETE CASCADE,
    name            VARCHAR(40) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    current_release INTEGER,
    formation       VARCHAR(2000) NOT NULL DEFAULT '{}',
    desired_state   VARCHAR(20) NOT NULL DEFAULT 'running',
    PRIMARY KEY (app, name)
);

CREATE TABLE releases (
    app           VARCHAR(40)  NOT NULL,
    env           VARCHAR(40)  NOT NULL,
    version       INTEGER      NOT NULL,
    slug          VARCHAR(500) NOT NULL,
    config_json   TEXT         NOT NULL,
    manifest_json TEXT         NOT NULL,
    description   VARCHAR(500) NOT NULL,
    deployment_id VARCHAR(40),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(100) NOT NULL,
    PRIMARY KEY (app, env, version),
    FOREIGN KEY (app, env) REFERENCES environments (app, name) ON DELETE CASCADE
);

CREATE TABLE deployments (
    id              VARCHAR(40)  PRIMARY KEY,
    app             VARCHAR(40)  NOT NULL,
    env             VARCHAR(40)  NOT NULL,
    kind            VARCHAR(20)  NOT NULL,
    status          VARCHAR(30)  NOT NULL,
    release_version INTEGER,
    source_release  INTEGER,
    reason          VARCHAR(2000),
    idempotency_key VARCHAR(200),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    created_by      VARCHAR(100) NOT NULL,
    FOREIGN KEY (app, env) REFERENCES environments (app, name) ON DELETE CASCADE
);
CREATE INDEX deployments_by_env ON deployments (app, env, created_at);
CREATE UNIQUE INDEX deployments_idempotency ON deployments (app, env, idempotency_key);

CREATE TABLE config_vars (
    app     VARCHAR(40)  NOT NULL,
    env     VARCHAR(40)  NOT NULL,
    name    VARCHAR(200) NOT NULL,
    content TEXT         NOT NULL,
    secret  BOOLEAN      NOT NULL,
    PRIMARY KEY (app, env, name),
    FOREIGN KEY (app, env) REFERENCES environments (app, name) ON DELETE CASCADE
);
