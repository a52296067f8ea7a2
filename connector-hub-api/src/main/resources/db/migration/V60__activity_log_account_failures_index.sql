-- V32's (project_id, account_id, status, ...) put every entry at its own account's place in the
-- index, so each batch of the activity writer rewrote about one index page per account in it (H2
-- copies each page a commit changes): at 10,000 accounts in rotation that index alone cost a
-- quarter of the hub's CPU per call (docs/benchmarks.md, scenario 1d). "An account's failures" is
-- what it served; an account's successes are most of its entries, which activity_log_account_at
-- finds anyway. So the per-account status index now holds failures only, through a column set on
-- failures (status 400 and up) and NULL otherwise: successes all share one spot (NULL, 200,
-- newest first), and only the rare failure lands at its account.
ALTER TABLE activity_log ADD COLUMN failed_account_id VARCHAR(64);
UPDATE activity_log SET failed_account_id = account_id WHERE status >= 400;
CREATE INDEX activity_log_account_failures_at ON activity_log (project_id, failed_account_id, status, occurred_at DESC, id DESC);
DROP INDEX activity_log_account_status_at;
