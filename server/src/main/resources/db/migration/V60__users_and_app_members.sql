-- Accounts get an optional email and a last-login time; SSO or invited accounts may have no password.
-- Per-app membership: a user's role on one app (DEVELOPER or VIEWER), on top of the global role.
-- Portable between H2 and PostgreSQL.

ALTER TABLE users ADD COLUMN email VARCHAR(254);
ALTER TABLE users ADD COLUMN last_login_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
CREATE UNIQUE INDEX users_by_email ON users (email);

CREATE TABLE app_members (
    app        VARCHAR(40)  NOT NULL REFERENCES apps (name) ON DELETE CASCADE,
    user_id    VARCHAR(40)  NOT NULL REFERENCES users (id),
    role       VARCHAR(20)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    PRIMARY KEY (app, user_id)
);
CREATE INDEX app_members_by_user ON app_members (user_id);
