-- Identity: e-mail addresses on accounts, single sign-on identities, invitations and CLI device logins.
-- Portable between H2 and PostgreSQL. Secrets (invitation tokens, device codes) are kept only as SHA-256 hashes.

-- The users API may add this column too; IF NOT EXISTS lets either migration come first.
ALTER TABLE users ADD COLUMN IF NOT EXISTS email VARCHAR(320);

-- One row per external account (provider + its stable subject id) linked to a CodeRunner user.
CREATE TABLE sso_identities (
    provider      VARCHAR(40)  NOT NULL,
    subject       VARCHAR(255) NOT NULL,
    user_id       VARCHAR(40)  NOT NULL REFERENCES users (id),
    email         VARCHAR(320),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_login_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (provider, subject)
);
CREATE INDEX sso_identities_by_user ON sso_identities (user_id);

CREATE TABLE invitations (
    id               VARCHAR(40)  PRIMARY KEY,
    email            VARCHAR(320) NOT NULL,
    role             VARCHAR(20)  NOT NULL,
    memberships_json TEXT         NOT NULL,
    token_hash       VARCHAR(100) NOT NULL UNIQUE,
    created_by       VARCHAR(100) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    accepted_at      TIMESTAMP WITH TIME ZONE,
    accepted_user_id VARCHAR(40),
    revoked_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX invitations_by_email ON invitations (email);

-- The CLI's browser-less login (RFC 8628 style): the CLI holds the device code, a person approves the user code.
CREATE TABLE device_logins (
    id               VARCHAR(40)  PRIMARY KEY,
    device_code_hash VARCHAR(100) NOT NULL UNIQUE,
    user_code        VARCHAR(20)  NOT NULL UNIQUE,
    client_name      VARCHAR(100) NOT NULL,
    client_ip        VARCHAR(100),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_polled_at   TIMESTAMP WITH TIME ZONE,
    approved_by      VARCHAR(40),
    approved_at      TIMESTAMP WITH TIME ZONE,
    denied_at        TIMESTAMP WITH TIME ZONE,
    consumed_at      TIMESTAMP WITH TIME ZONE
);
