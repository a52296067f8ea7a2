-- Provider events (issue 21): a project's choice of events per provider, each account's
-- subscription at its provider (and the work pending on it), and the receipts that de-duplicate
-- what the provider sends. Portable SQL: PostgreSQL and H2 in PostgreSQL mode.

-- Which events a project relays, per provider: JSON {triggers, inbound, message_streams, include_attachments}.
CREATE TABLE provider_event_settings (
    project_id VARCHAR(64)  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    provider   VARCHAR(100) NOT NULL,
    settings   VARCHAR      NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (project_id, provider)
);

-- One account's subscription. No foreign key to accounts: the row outlives an unlink until the
-- provider's hooks are removed (the outbox of the removal), holding a copy of the account's sealed
-- credentials for that only. The receiver's Basic password is sealed (associated data: account id
-- as associated data). Work is due when next_attempt_at is set and passed; requests counts the asks,
-- so a request made while a hub works on the row is not lost when it finishes.
CREATE TABLE provider_event_subscriptions (
    account_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    project_id         VARCHAR(64)  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    provider           VARCHAR(100) NOT NULL,
    username           VARCHAR(64)  NOT NULL,
    sealed_password    BYTEA        NOT NULL,
    state              VARCHAR(20)  NOT NULL,
    hook_ids           VARCHAR      NOT NULL,
    warnings           VARCHAR      NOT NULL,
    last_error         VARCHAR(500),
    sealed_credentials BYTEA,
    removing           BOOLEAN      NOT NULL,
    requests           BIGINT       NOT NULL,
    attempts           INTEGER      NOT NULL,
    next_attempt_at    TIMESTAMP WITH TIME ZONE,
    claimed_until      TIMESTAMP WITH TIME ZONE,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX provider_event_subscriptions_due ON provider_event_subscriptions (next_attempt_at);
CREATE INDEX provider_event_subscriptions_project ON provider_event_subscriptions (project_id, provider);

-- One received event per account and key (SHA-256 of the provider's event id, or of the body).
CREATE TABLE provider_event_receipts (
    account_id  VARCHAR(64) NOT NULL,
    event_key   VARCHAR(64) NOT NULL,
    event_id    VARCHAR(64) NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, event_key)
);

CREATE INDEX provider_event_receipts_received ON provider_event_receipts (received_at);
CREATE UNIQUE INDEX provider_event_receipts_event ON provider_event_receipts (event_id);

-- Accounts whose owner turned provider events off (provider_events: false on link or PATCH):
-- kept apart from the subscription, so the choice holds before any setting exists.
CREATE TABLE provider_event_opt_outs (
    account_id VARCHAR(64) NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
