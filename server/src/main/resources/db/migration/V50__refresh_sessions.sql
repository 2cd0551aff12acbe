-- Browser sessions: rotating refresh tokens kept only as SHA-256 hashes.
-- A family is one login; every refresh adds a row to it and marks the previous row used.
-- Presenting a used token again revokes the whole family (reuse detection).
CREATE TABLE refresh_tokens (
    id          VARCHAR(40)  PRIMARY KEY,
    family_id   VARCHAR(40)  NOT NULL,
    user_id     VARCHAR(40)  NOT NULL REFERENCES users (id),
    token_hash  VARCHAR(100) NOT NULL UNIQUE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
