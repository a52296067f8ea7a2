-- Agent tokens (issue 20) and their usage counters. Portable SQL: PostgreSQL and H2 in PostgreSQL mode.

-- The token is stored only as its SHA-256 hex hash. Bound to one account or to all accounts of one
-- origin owner; read from here on every agent request, so a revocation holds at once on every hub.
CREATE TABLE agent_tokens (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    token_hash      VARCHAR(128) NOT NULL,
    project_id      VARCHAR(64)  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    account_id      VARCHAR(64),
    origin_owner_id VARCHAR(255),
    name            VARCHAR(255),
    -- JSON array of action names; NULL: every action of the account(s)
    allowed_actions VARCHAR,
    -- JSON object: the guardrails
    policy          VARCHAR      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT agent_tokens_hash_unique UNIQUE (token_hash)
);

CREATE INDEX agent_tokens_project ON agent_tokens (project_id, created_at);

-- One row per token, counter and fixed window (the UTC hour for calls, the UTC day for recipients),
-- raised by a conditional UPDATE so that hubs sharing the database share the limits.
CREATE TABLE agent_usage (
    token_id     VARCHAR(64) NOT NULL REFERENCES agent_tokens (id) ON DELETE CASCADE,
    counter      VARCHAR(32) NOT NULL,
    window_start TIMESTAMP WITH TIME ZONE NOT NULL,
    used         BIGINT      NOT NULL,
    PRIMARY KEY (token_id, counter, window_start)
);
