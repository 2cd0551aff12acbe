-- Alerts (issue 8): rules over metrics, built-in rule switches, silences, channels and the history of every alert.
-- Portable between H2 and PostgreSQL. Everything of an app goes with it (ON DELETE CASCADE).

CREATE TABLE alert_rules (
    id                VARCHAR(40)      NOT NULL PRIMARY KEY,
    app               VARCHAR(40)      NOT NULL,
    env               VARCHAR(40)      NOT NULL,
    name              VARCHAR(100)     NOT NULL,
    metric            VARCHAR(40)      NOT NULL,
    comparison        VARCHAR(2)       NOT NULL,
    threshold         DOUBLE PRECISION NOT NULL,
    for_seconds       BIGINT           NOT NULL,
    resolve_threshold DOUBLE PRECISION NOT NULL,
    severity          VARCHAR(20)      NOT NULL,
    channels          VARCHAR(2000)    NOT NULL,
    enabled           BOOLEAN          NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by        VARCHAR(100)     NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    FOREIGN KEY (app, env) REFERENCES environments (app, name) ON DELETE CASCADE
);
CREATE INDEX alert_rules_env ON alert_rules (app, env);

-- Built-in rules are on unless a row here turns one off for an environment.
CREATE TABLE alert_builtin_settings (
    app     VARCHAR(40) NOT NULL,
    env     VARCHAR(40) NOT NULL,
    kind    VARCHAR(40) NOT NULL,
    enabled BOOLEAN     NOT NULL,
    PRIMARY KEY (app, env, kind),
    FOREIGN KEY (app, env) REFERENCES environments (app, name) ON DELETE CASCADE
);

-- A silence mutes one rule (custom rule id or built-in kind) of one environment until a time.
CREATE TABLE alert_silences (
    app        VARCHAR(40)  NOT NULL,
    env        VARCHAR(40)  NOT NULL,
    rule_key   VARCHAR(60)  NOT NULL,
    until_time TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    PRIMARY KEY (app, env, rule_key),
    FOREIGN KEY (app, env) REFERENCES environments (app, name) ON DELETE CASCADE
);

-- Where notifications go. app NULL = a global channel. Secret parts (URLs, keys) are Tink ciphertext.
CREATE TABLE alert_channels (
    id            VARCHAR(40)   NOT NULL PRIMARY KEY,
    app           VARCHAR(40)   REFERENCES apps (name) ON DELETE CASCADE,
    name          VARCHAR(100)  NOT NULL,
    channel_type  VARCHAR(20)   NOT NULL,
    settings_json VARCHAR(4000) NOT NULL,
    secret_cipher TEXT,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(100)  NOT NULL,
    sent          BIGINT        NOT NULL DEFAULT 0,
    failed        BIGINT        NOT NULL DEFAULT 0,
    last_error    VARCHAR(500),
    last_error_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX alert_channels_app ON alert_channels (app);

-- One row per alert episode: from firing to resolved.
CREATE TABLE alerts (
    id              VARCHAR(40)      NOT NULL PRIMARY KEY,
    app             VARCHAR(40)      NOT NULL,
    env             VARCHAR(40)      NOT NULL,
    rule_key        VARCHAR(60)      NOT NULL,
    rule_name       VARCHAR(100)     NOT NULL,
    severity        VARCHAR(20)      NOT NULL,
    metric          VARCHAR(40),
    threshold       DOUBLE PRECISION,
    last_value      DOUBLE PRECISION,
    summary         VARCHAR(1000)    NOT NULL,
    state           VARCHAR(20)      NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    fired_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at     TIMESTAMP WITH TIME ZONE,
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    acknowledged_by VARCHAR(100),
    silenced        BOOLEAN          NOT NULL,
    channels        VARCHAR(2000)    NOT NULL,
    FOREIGN KEY (app, env) REFERENCES environments (app, name) ON DELETE CASCADE
);
CREATE INDEX alerts_state ON alerts (state, fired_at);
CREATE INDEX alerts_env ON alerts (app, env, fired_at);
