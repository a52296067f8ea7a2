-- What each account did: one row per action run (later: proxied call, agent tool call). Ids and
-- outcomes only; bodies only when HUB_LOGS_BODIES=true, redacted. No foreign keys: an entry
-- outlives its account (unlinking is part of the story), and a batch insert never fails on one.
CREATE TABLE activity_log (
    id              VARCHAR(40)  NOT NULL PRIMARY KEY,
    project_id      VARCHAR(64)  NOT NULL,
    account_id      VARCHAR(64)  NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    provider        VARCHAR(100) NOT NULL,
    kind            VARCHAR(20)  NOT NULL,
    what            VARCHAR(200) NOT NULL,
    caller_kind     VARCHAR(20)  NOT NULL,
    caller_id       VARCHAR(255) NOT NULL,
    status          INTEGER      NOT NULL,
    code            VARCHAR(100),
    duration_micros BIGINT       NOT NULL,
    provider_ids    VARCHAR      NOT NULL,
    idempotency_key VARCHAR(255),
    replay          BOOLEAN      NOT NULL,
    request_body    VARCHAR,
    response_body   VARCHAR
);

-- newest first, keyset on (occurred_at, id): per project, and per account (the Hub page, filters)
CREATE INDEX activity_log_project_at ON activity_log (project_id, occurred_at DESC, id DESC);
CREATE INDEX activity_log_account_at ON activity_log (project_id, account_id, occurred_at DESC, id DESC);
-- retention deletes the oldest first
CREATE INDEX activity_log_at ON activity_log (occurred_at);
