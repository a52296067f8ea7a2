-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode (VARCHAR without a length,
-- BYTEA, TIMESTAMP WITH TIME ZONE). JSON values are kept as VARCHAR text.

CREATE TABLE projects (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    allowed_origins VARCHAR      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- API keys are stored only as SHA-256 hex hashes
CREATE TABLE api_keys (
    hash       VARCHAR(128) NOT NULL PRIMARY KEY,
    project_id VARCHAR(64)  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX api_keys_project ON api_keys (project_id);

CREATE TABLE accounts (
    id                    VARCHAR(64)  NOT NULL PRIMARY KEY,
    project_id            VARCHAR(64)  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    provider              VARCHAR(100) NOT NULL,
    origin_owner_id       VARCHAR(255) NOT NULL,
    origin_owner_name     VARCHAR      NOT NULL,
    origin_username       VARCHAR,
    label                 VARCHAR,
    metadata              VARCHAR      NOT NULL,
    status                VARCHAR(20)  NOT NULL,
    status_reasons        VARCHAR      NOT NULL,
    account_mode          VARCHAR(20)  NOT NULL,
    scopes                VARCHAR      NOT NULL,
    provider_account_id   VARCHAR(255) NOT NULL,
    provider_account_name VARCHAR      NOT NULL,
    credential_fields     VARCHAR      NOT NULL,
    sealed_credentials    BYTEA        NOT NULL,
    -- version of the master-keyset key that sealed the credentials, for re-sealing after rotation
    key_version           INTEGER,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    last_verified_at      TIMESTAMP WITH TIME ZONE,
    version               BIGINT       NOT NULL,
    -- one account per provider account and owner, even when two links race
    CONSTRAINT accounts_provider_account_unique
        UNIQUE (project_id, origin_owner_id, provider, provider_account_id)
);

-- list by project (keyset pagination on id) and by owner; get-by-id uses the primary key
CREATE INDEX accounts_project_id ON accounts (project_id, id);
CREATE INDEX accounts_project_owner_id ON accounts (project_id, origin_owner_id, id);
CREATE INDEX accounts_key_version ON accounts (key_version);
