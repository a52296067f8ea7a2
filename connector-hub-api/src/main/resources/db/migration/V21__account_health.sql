-- When each production account is re-verified next. version makes claiming a check an atomic
-- compare-and-set, so two hubs never re-check the same account in the same round.
CREATE TABLE account_health (
    account_id      VARCHAR(64) NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    next_check_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_checked_at TIMESTAMP WITH TIME ZONE,
    last_outcome    VARCHAR(20),
    version         BIGINT      NOT NULL
);

CREATE INDEX account_health_due ON account_health (next_check_at);
