-- Connect sessions (hub) and idempotency keys. Portable SQL: PostgreSQL and H2 in PostgreSQL mode.

-- The session token is stored only as its SHA-256 hex hash.
CREATE TABLE connect_sessions (
    id                VARCHAR(64)  NOT NULL PRIMARY KEY,
    token_hash        VARCHAR(128) NOT NULL,
    project_id        VARCHAR(64)  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    origin_owner_id   VARCHAR(255) NOT NULL,
    origin_owner_name VARCHAR      NOT NULL,
    origin_username   VARCHAR,
    provider          VARCHAR(100),
    account_id        VARCHAR(64),
    metadata          VARCHAR      NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    -- set by the one request that links through the session (claimed before the link, cleared if it fails)
    used_at           TIMESTAMP WITH TIME ZONE,
    linked_account_id VARCHAR(64),
    CONSTRAINT connect_sessions_token_unique UNIQUE (token_hash)
);

CREATE INDEX connect_sessions_expires ON connect_sessions (expires_at);

-- One row per (project, Idempotency-Key): reserved by a unique insert before the work, so two
-- concurrent requests with the same key cannot both reach the provider.
CREATE TABLE idempotency_keys (
    project_id      VARCHAR(64)  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    idempotency_key VARCHAR(255) NOT NULL,
    fingerprint     VARCHAR(128) NOT NULL,
    state           VARCHAR(20)  NOT NULL,
    response_status INTEGER,
    response_body   VARCHAR,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (project_id, idempotency_key)
);

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
