-- The operator console: one-time sign-in links and signed-in sessions. Portable SQL: PostgreSQL and
-- H2 in PostgreSQL mode. Tokens are stored only as their SHA-256 hex hashes.

CREATE TABLE console_sign_in_links (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    token_hash  VARCHAR(128) NOT NULL,
    project_id  VARCHAR(64)  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    -- set by the one request that signs in with the link
    used_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT console_sign_in_links_token_unique UNIQUE (token_hash)
);

CREATE INDEX console_sign_in_links_project ON console_sign_in_links (project_id);

CREATE TABLE console_sessions (
    id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    token_hash   VARCHAR(128) NOT NULL,
    project_id   VARCHAR(64)  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT console_sessions_token_unique UNIQUE (token_hash)
);

CREATE INDEX console_sessions_last_seen ON console_sessions (last_seen_at);

-- the console's Accounts page filters by status, type and connector and pages by id (keyset)
CREATE INDEX accounts_project_status_id ON accounts (project_id, status, id);
CREATE INDEX accounts_project_mode_id ON accounts (project_id, account_mode, id);
CREATE INDEX accounts_project_provider_id ON accounts (project_id, provider, id);
-- owner search: an owner id exactly (accounts_project_owner_id of V1) or the start of an owner name
CREATE INDEX accounts_project_owner_name ON accounts (project_id, origin_owner_name, id);
